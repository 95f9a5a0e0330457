/** The `audit-log` projection: one document per event, keyed by the zero-padded global position. */
import { projectInMemory } from '../definition';
import { eventLog } from '../../tests/support/projection-log';
import { auditLogProjection } from './audit-log-projection';

describe('audit-log projection', () => {
  it('records who did what, when, on which stream, through which channel and with which assurance', () => {
    const log = eventLog();
    log.append(
      'fee-f1',
      { type: 'FeeCancelled', data: { feeId: 'f1', communityId: 'C1', reason: 'error', at: '2024-03-02T10:00:00Z' } },
      {
        actor: { id: 'clerk-7', role: 'staff', communityId: 'C1', assurance: 'password', channel: 'cso', officeId: 'cso-1', onBehalfOf: 'res-3' },
        occurredAt: '2024-03-02T01:00:00+04:00',
        recordedAt: '2024-03-02T10:00:01Z',
        commandId: 'cmd-1',
      },
    );
    // No communityId in the data: the actor's community is used.
    log.append('actregister-C2_2024', { type: 'Something', data: { note: 'x' } }, { actor: { id: 'head-2', role: 'head', communityId: 'C2', assurance: 'eid', channel: 'staff' } });
    const docs = projectInMemory(auditLogProjection, log.events).get('auditLog')!;
    expect([...docs.keys()]).toEqual(['00000000000000000001', '00000000000000000002']);
    expect(docs.get('00000000000000000001')).toEqual({
      id: '00000000000000000001',
      positionKey: '00000000000000000001',
      position: '1',
      streamId: 'fee-f1',
      category: 'fee',
      type: 'FeeCancelled',
      revision: 0,
      communityId: 'C1',
      actorId: 'clerk-7',
      role: 'staff',
      assurance: 'password',
      channel: 'cso',
      officeId: 'cso-1',
      onBehalfOf: 'res-3',
      occurredAt: '2024-03-01T21:00:00.000Z',
      occurredOn: '2024-03-02',
      recordedAt: '2024-03-02T10:00:01.000Z',
      commandId: 'cmd-1',
      correlationId: 'cmd-1',
    });
    expect(docs.get('00000000000000000002')).toMatchObject({ category: 'actregister', communityId: 'C2', actorId: 'head-2', officeId: null, onBehalfOf: null });
  });

  it('a document never changes once written (a replay is a no-op) and positions beyond 2^53 keep every digit', () => {
    const log = eventLog();
    const [event] = log.append('fee-f1', { type: 'FeeCancelled', data: { feeId: 'f1', communityId: 'C1', reason: 'error', at: '2024-03-02T10:00:00Z' } });
    const big = { ...event, position: 9_007_199_254_740_993n };
    const docs = projectInMemory(auditLogProjection, [big, { ...big, type: 'Other' }]).get('auditLog')!;
    expect([...docs.values()]).toEqual([expect.objectContaining({ id: '00009007199254740993', position: '9007199254740993', type: 'FeeCancelled' })]);
  });
});
