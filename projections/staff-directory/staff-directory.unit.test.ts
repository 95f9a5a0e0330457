/** The `staff-directory` projection: who is appointed now, one document per person; a dismissal removes them. */
import type { StaffDirectoryEvent } from '../../domain/staff-directory';
import { projectInMemory } from '../definition';
import { eventLog } from '../../tests/support/projection-log';
import { staffDirectoryProjection } from './staff-directory-projection';

const CLERK = '2000000001';
const AUDITOR = '3000000002';
const clerkAppointed = (role: 'staff' | 'head' | 'council' = 'staff', communityId = 'AM08001'): StaffDirectoryEvent => ({
  type: 'StaffAppointed',
  data: { personalId: CLERK, communityId, role, name: 'Անահիտ Մկրտչյան', at: '2024-03-01T21:00:00.000Z' },
});
const clerkDismissed: StaffDirectoryEvent = { type: 'StaffDismissed', data: { personalId: CLERK, communityId: 'AM08001', role: 'council', at: '2024-04-01T09:00:00.000Z' } };
const auditorAppointed: StaffDirectoryEvent = { type: 'OfficialAppointed', data: { personalId: AUDITOR, role: 'auditor', name: 'Լիլիթ Սարգսյան', at: '2024-01-10T09:00:00.000Z' } };

const entries = (events: Parameters<typeof projectInMemory>[1]) => projectInMemory(staffDirectoryProjection, events).get('staffDirectory')!;

describe('staff-directory projection', () => {
  it('keeps each appointed person with their role, community or national scope, and Yerevan date', () => {
    const log = eventLog();
    log.append(`appointment-${CLERK}`, clerkAppointed());
    log.append(`appointment-${AUDITOR}`, auditorAppointed);
    const docs = entries(log.events);
    expect(docs.get(CLERK)).toEqual({
      id: CLERK,
      personalId: CLERK,
      name: 'Անահիտ Մկրտչյան',
      role: 'staff',
      communityId: 'AM08001',
      national: false,
      status: 'appointed',
      appointedAt: '2024-03-01T21:00:00.000Z',
      appointedOn: '2024-03-02',
      dismissedAt: null,
      revision: 0,
    });
    expect(docs.get(AUDITOR)).toMatchObject({ role: 'auditor', communityId: null, national: true });
  });

  it('takes a change of role, and removes the person when dismissed', () => {
    const log = eventLog();
    log.append(`appointment-${CLERK}`, [clerkAppointed('staff'), clerkAppointed('council')]);
    expect(entries(log.events).get(CLERK)).toMatchObject({ role: 'council', revision: 1 });
    log.append(`appointment-${CLERK}`, clerkDismissed);
    expect(entries(log.events).has(CLERK)).toBe(false);
  });

  it('ignores other streams and replays of older events', () => {
    const log = eventLog();
    const [first] = log.append(`appointment-${CLERK}`, clerkAppointed('staff'));
    log.append(`appointment-${CLERK}`, clerkAppointed('head'));
    log.append('complaint-c1', clerkAppointed('council'));
    const docs = entries([...log.events, { ...first, position: 99n }]);
    expect([...docs.keys()]).toEqual([CLERK]);
    expect(docs.get(CLERK)).toMatchObject({ role: 'head' });
  });
});
