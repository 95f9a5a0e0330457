/** The documents read model, folded in memory from recorded events: replies, executor slots, overdue as a date range. */
import type { RecordedEvent } from '../../application/ports/event-store';
import { projectInMemory } from '../definition';
import { documentsProjection, slotId } from './documents-projection';
import { DOCUMENTS_COLLECTIONS, DOCUMENTS_NEVER, type DocumentDoc } from './schema';

let position = 0n;
const revisions = new Map<string, number>();
const recorded = (streamId: string, type: string, data: Record<string, unknown>): RecordedEvent => {
  const revision = (revisions.get(streamId) ?? -1) + 1;
  revisions.set(streamId, revision);
  position += 1n;
  return { streamId, type, revision, position, data, metadata: {} as RecordedEvent['metadata'], dataBytes: new Uint8Array(), metadataBytes: new Uint8Array() };
};
const ref = (documentId: string) => ({ documentId, communityId: 'GYUMRI' });
const registration = (documentId: string, number: string) => ({ ...ref(documentId), number, year: 2024, subject: 'Նամակ', attachments: [], registeredAt: '2024-03-01T08:00:00Z' });

describe('documents read model', () => {
  it('lists replies on the incoming document, keeps one slot per current executor, and stores the control date only while in execution', () => {
    const events = [
      recorded('document-in', 'IncomingDocumentRegistered', { ...registration('in', '1'), senderName: 'Ա', receivedOn: '2024-03-01', channel: 'post' }),
      recorded('document-in', 'ResolutionIssued', { ...ref('in'), executorIds: ['a', 'b'], instruction: 'x', controlDueOn: '2024-03-05', controlWorkingDays: null, issuedBy: 'h', at: '2024-03-01T09:00:00Z' }),
      recorded('document-out', 'OutgoingDocumentRegistered', { ...registration('out', '1'), recipientName: 'Բ', text: 't', inReplyTo: 'in' }),
      recorded('document-in', 'ResolutionIssued', { ...ref('in'), executorIds: ['c'], instruction: 'y', controlDueOn: '2024-03-06', controlWorkingDays: null, issuedBy: 'h', at: '2024-03-02T09:00:00Z' }),
    ];
    const out = projectInMemory(documentsProjection, events);
    const incoming = out.get(DOCUMENTS_COLLECTIONS.documents)!.get('in') as unknown as DocumentDoc;
    expect(incoming).toMatchObject({ status: 'in-execution', openControlDueOn: '2024-03-06', replies: ['out'], sequence: 1, journal: 'incoming' });
    const slots = out.get(DOCUMENTS_COLLECTIONS.documentExecutors)!;
    expect([...slots.keys()]).toEqual([slotId('in', 0)]);
    expect(slots.get(slotId('in', 0))).toMatchObject({ executorId: 'c', documentId: 'in', openControlDueOn: '2024-03-06' });

    const executed = projectInMemory(documentsProjection, [...events, recorded('document-in', 'ExecutionReported', { ...ref('in'), executorId: 'c', report: 'done', at: '2024-03-06T10:00:00Z' })]);
    expect(executed.get(DOCUMENTS_COLLECTIONS.documents)!.get('in')).toMatchObject({ status: 'executed', openControlDueOn: DOCUMENTS_NEVER, executedOn: '2024-03-06' });
    expect(executed.get(DOCUMENTS_COLLECTIONS.documentExecutors)!.get(slotId('in', 0))).toMatchObject({ status: 'executed' });
  });
});
