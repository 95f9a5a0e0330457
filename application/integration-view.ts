/**
 * An event as integration consumers are shown it — the `events` feed and webhooks alike.
 *
 * This is where personal data will be redacted for integrations without the `personal-data` scope (the
 * personal-data issue: names, personal ids, contact details and free text shown as "[redacted]"). No such
 * redaction exists yet, so the event is shown as stored; both the feed and webhook deliveries already go
 * through this one function, so the redaction lands in one place.
 */
import type { RecordedEvent } from './ports/event-store';

export const asIntegrationSees = (event: RecordedEvent): RecordedEvent => event;
