/**
 * The public status of an application by its tracking code: the code's stream names the application
 * (read from the log, so it holds the moment the submission was answered), and a caller who may not
 * read the whole case sees its status without the personal data (who applied, what they wrote, what
 * they were asked and answered).
 */
import { isTrackingCode, trackingCodeDecider, TRACKING_CODE_CATEGORY } from '../../domain/service-application/journal';
import { applicationDecider } from '../../domain/service-application/decider';
import type { ApplicationEvent } from '../../domain/service-application/events';
import { applicationView, type ApplicationView } from '../../domain/service-application/view';
import { fold } from '../../domain/kernel/decider';
import { NotFound, ValidationFailed } from '../errors';
import type { EventStore } from '../ports/event-store';

/** The application a tracking code names, or NOT_FOUND; a malformed code is VALIDATION_FAILED. */
export const applicationIdByTrackingCode = async (eventStore: Pick<EventStore, 'readStream'>, trackingCode: string): Promise<string> => {
  if (!isTrackingCode(trackingCode)) throw new ValidationFailed('A tracking code is 10 characters of 23456789ABCDEFGHJKMNPQRSTUVWXYZ', ['trackingCode']);
  const events = await eventStore.readStream(`${TRACKING_CODE_CATEGORY}-${trackingCode}`);
  const held = fold(trackingCodeDecider, events.map((e) => ({ type: e.type, data: e.data }) as Parameters<typeof trackingCodeDecider.evolve>[1]));
  if (held === null) throw new NotFound('No application has this tracking code', 'TRACKING_CODE_NOT_FOUND');
  return held.applicationId;
};

/**
 * The application a tracking code names, folded from its own stream (a few events): it answers the moment
 * the submission was answered, whoever asks, without waiting for a read model.
 */
export const applicationByTrackingCode = async (eventStore: Pick<EventStore, 'readStream'>, trackingCode: string, today: string): Promise<ApplicationView> => {
  const id = await applicationIdByTrackingCode(eventStore, trackingCode);
  const events = await eventStore.readStream(`${applicationDecider.name}-${id}`);
  const view = applicationView(fold(applicationDecider, events.map((e) => ({ type: e.type, data: e.data }) as ApplicationEvent)), today);
  if (view === null) throw new NotFound('No application has this tracking code', 'TRACKING_CODE_NOT_FOUND');
  return view;
};

export type PublicApplicationStatus = Omit<ApplicationView, 'details' | 'applicantName'> & { readonly details: null; readonly applicantName: null };

/** The application as anyone holding its tracking code may see it: its status, without personal data. */
export const publicApplicationStatus = (view: ApplicationView): PublicApplicationStatus => ({
  ...view,
  details: null,
  applicantId: null,
  applicantName: null,
  assigneeId: null,
  pendingQuestion: null,
  decision: view.decision === null ? null : { ...view.decision, reason: null, answer: null },
  certificate: view.certificate === null ? null : { ...view.certificate, taxLiability: null },
});
