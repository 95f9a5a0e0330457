import type { Actor, RecordedEvent } from '../../application/ports/event-store';
import { timelineOf } from './cases';
import { translate } from './i18n';

const event = (revision: number, actor: Actor, type = 'ApplicationInformationProvided'): RecordedEvent => ({
  streamId: 'application-a1',
  type,
  revision,
  position: BigInt(revision + 1),
  data: { applicationId: 'a1', answer: `Պատասխան ${revision}` },
  metadata: { eventId: `e${revision}`, commandId: `c${revision}`, correlationId: `c${revision}`, causationId: `c${revision}`, actor, occurredAt: '2026-12-01T08:00:00.000Z', recordedAt: '2026-12-01T08:00:00.000Z', schemaVersion: 1 },
  dataBytes: new Uint8Array(),
  metadataBytes: new Uint8Array(),
});

const resident: Actor = { id: '1000000001', role: 'resident', assurance: 'eid', channel: 'online' };
const clerk: Actor = { id: 'clerk-1', role: 'staff', communityId: 'AM90020', assurance: 'password', channel: 'staff' };
const onBehalf: Actor = { ...clerk, channel: 'in-person', onBehalfOf: '1000000002' };

describe('the case timeline', () => {
  it('writes each entry’s byline for the person who recorded it, newest first, in the page’s language', () => {
    const items = timelineOf('hy', [event(0, resident), event(1, clerk), event(2, resident), event(3, onBehalf)]);
    expect(items.map((i) => i.byline)).toEqual([
      `clerk-1 (աշխատակազմ) · ${translate('hy', 'channel.in-person')} · գաղտնաբառ · 1000000002-ի անունից`,
      '1000000001 (բնակիչ) · առցանց · eID',
      'clerk-1 (աշխատակազմ) · աշխատակազմ · գաղտնաբառ',
      '1000000001 (բնակիչ) · առցանց · eID',
    ]);
    expect(items[1].details).toContainEqual({ label: translate('hy', 'field.answer'), value: 'Պատասխան 2' });
  });

  it('gives a message without placeholders as written, whatever values are passed, and fills those with them', () => {
    expect(translate('en', 'role.staff', { ignored: 1 })).toBe('staff');
    expect(translate('en', 'role.staff')).toBe('staff');
    expect(translate('en', 'timelineOnBehalfOf', { who: 'Անի' })).toBe('on behalf of Անի');
  });
});
