import { spec } from '../../tests/support/decider-spec';
import type { CommandMetadata } from '../kernel/decider';
import type { DomainError } from '../kernel/errors';
import { isDomainError } from '../kernel/errors';
import type { ComplaintCommand, FileComplaint } from './commands';
import { complaintDecider, evolve, initialState } from './decider';
import type { ComplaintEvent, ComplaintFiled } from './events';
import { complaintStatus, type ComplaintState, type ComplaintStatus } from './state';
import { complaintView } from './view';
import { complaintEventCatalogue } from './catalogue';

const FILED_AT = '2024-03-01T09:00:00Z';
const at = (now: string): CommandMetadata => ({ now, actor: { id: 'clerk-1', role: 'staff' } });
const NOW = at('2024-03-05T09:00:00Z');

const file = (overrides: Partial<FileComplaint['data']> = {}, metadata = at(FILED_AT)): ComplaintCommand => ({
  type: 'FileComplaint',
  data: {
    complaintId: 'c1',
    communityId: 'GYUMRI',
    channel: 'online',
    category: 'roads',
    subject: 'Փոսեր Գորկու փողոցում',
    description: 'The road has potholes since winter.',
    complainantName: 'Անի Սարգսյան',
    complainantId: 'res-1',
    ...overrides,
  },
  metadata,
});
const acknowledge = (metadata = NOW): ComplaintCommand => ({ type: 'AcknowledgeComplaint', data: {}, metadata });
const assign = (assigneeId = 'clerk-2', metadata = NOW): ComplaintCommand => ({ type: 'AssignComplaint', data: { assigneeId }, metadata });
const respond = (resolution: 'upheld' | 'partially-upheld' | 'rejected' = 'upheld', metadata = NOW): ComplaintCommand => ({
  type: 'RespondToComplaint',
  data: { response: 'The road will be repaired in April.', resolution },
  metadata,
});
const escalate = (to: 'head' | 'ministry' = 'head', metadata = NOW): ComplaintCommand => ({ type: 'EscalateComplaint', data: { to, reason: 'Needs a decision' }, metadata });
const reopen = (metadata = NOW): ComplaintCommand => ({ type: 'ReopenComplaint', data: { reason: 'Nothing was repaired' }, metadata });
const close = (metadata = NOW): ComplaintCommand => ({ type: 'CloseComplaint', data: {}, metadata });

const ref = { complaintId: 'c1', communityId: 'GYUMRI' };
const filed: ComplaintFiled = {
  type: 'ComplaintFiled',
  data: {
    ...ref,
    channel: 'online',
    category: 'roads',
    subject: 'Փոսեր Գորկու փողոցում',
    description: 'The road has potholes since winter.',
    complainantName: 'Անի Սարգսյան',
    complainantId: 'res-1',
    filedAt: FILED_AT,
    responseDueOn: '2024-03-31',
  },
};
const acknowledged: ComplaintEvent = { type: 'ComplaintAcknowledged', data: { ...ref, at: NOW.now } };
const assigned = (assigneeId = 'clerk-2'): ComplaintEvent => ({ type: 'ComplaintAssigned', data: { ...ref, assigneeId, at: NOW.now } });
const responded = (resolution: 'upheld' | 'partially-upheld' | 'rejected' = 'upheld', when = NOW.now, reopenableUntil = '2024-04-04'): ComplaintEvent => ({
  type: 'ComplaintResponded',
  data: { ...ref, response: 'The road will be repaired in April.', resolution, at: when, reopenableUntil },
});
const escalated = (to: 'head' | 'ministry' = 'head'): ComplaintEvent => ({ type: 'ComplaintEscalated', data: { ...ref, to, reason: 'Needs a decision', at: NOW.now } });
const reopened: ComplaintEvent = { type: 'ComplaintReopened', data: { ...ref, reason: 'Nothing was repaired', at: NOW.now } };
const closed: ComplaintEvent = { type: 'ComplaintClosed', data: { ...ref, at: NOW.now } };

const complaint = spec(complaintDecider);
const stateOf = (...events: ComplaintEvent[]): ComplaintState => events.reduce(evolve, initialState());

/** A history that leaves the complaint in each status. */
const histories: Record<ComplaintStatus, ComplaintEvent[]> = {
  filed: [filed],
  acknowledged: [filed, acknowledged],
  assigned: [filed, acknowledged, assigned()],
  escalated: [filed, escalated('head')],
  reopened: [filed, responded(), reopened],
  responded: [filed, responded()],
  closed: [filed, responded(), closed],
};

describe('Complaint decider', () => {
  it('the histories reach the status they are named after', () => {
    for (const [status, history] of Object.entries(histories)) expect(complaintStatus(stateOf(...history)!)).toBe(status);
  });

  describe('FileComplaint', () => {
    it('files an online complaint with the response due 30 days after the Yerevan filing date', () => {
      complaint.given().when(file()).then(filed);
    });

    it('counts the due date from the Yerevan date (21:30 UTC is already the next day in Yerevan)', () => {
      const result = complaint.given().when(file({}, at('2024-03-01T21:30:00Z'))).result as ComplaintEvent[];
      expect(result[0].data).toMatchObject({ filedAt: '2024-03-01T21:30:00Z', responseDueOn: '2024-04-01' });
    });

    it('files an anonymous hotline complaint without complainant fields', () => {
      const result = complaint.given().when(file({ channel: 'hotline', complainantId: undefined, complainantName: undefined })).result as ComplaintEvent[];
      expect(result).toHaveLength(1);
      expect(result[0].data).toEqual({
        ...ref,
        channel: 'hotline',
        category: 'roads',
        subject: 'Փոսեր Գորկու փողոցում',
        description: 'The road has potholes since winter.',
        filedAt: FILED_AT,
        responseDueOn: '2024-03-31',
      });
    });

    it('refuses to file the same complaint twice', () => {
      complaint.given(filed).when(file()).thenFails('INVALID_TRANSITION', 'COMPLAINT_ALREADY_FILED');
    });

    it.each([
      ['an unknown channel', { channel: 'email' as never }, ['channel']],
      ['a subject over 200 characters', { subject: 'ա'.repeat(201) }, ['subject']],
      ['a blank subject', { subject: ' ' }, ['subject']],
      ['a blank description', { description: '' }, ['description']],
      ['a blank category', { category: '' }, ['category']],
      ['an online complaint without complainant', { complainantId: undefined }, ['complainantId']],
    ])('refuses %s as VALIDATION_FAILED', (_label, overrides, fields) => {
      const when = complaint.given().when(file(overrides));
      when.thenFails('VALIDATION_FAILED', 'INVALID_COMPLAINT');
      expect((when.result as DomainError).fields).toEqual(fields);
    });

    it('accepts a subject of exactly 200 Armenian letters', () => {
      complaint.given().when(file({ subject: 'ա'.repeat(200) })).then({ ...filed, data: { ...filed.data, subject: 'ա'.repeat(200) } } as ComplaintEvent);
    });
  });

  describe('AcknowledgeComplaint', () => {
    it('acknowledges a filed complaint', () => {
      complaint.given(filed).when(acknowledge()).then(acknowledged);
    });
  });

  describe('AssignComplaint', () => {
    it('assigns an acknowledged complaint', () => {
      complaint.given(filed, acknowledged).when(assign()).then(assigned());
    });

    it('reassigns to another staff member', () => {
      complaint.given(filed, acknowledged, assigned('clerk-2')).when(assign('clerk-3')).then(assigned('clerk-3'));
    });

    it('adds nothing when assigned again to the same staff member', () => {
      complaint.given(filed, acknowledged, assigned('clerk-2')).when(assign('clerk-2')).thenNothing();
    });

    it('refuses a blank assignee', () => {
      complaint.given(filed).when(assign(' ')).thenFails('VALIDATION_FAILED', 'INVALID_ASSIGNMENT');
    });
  });

  describe('RespondToComplaint', () => {
    it('responds with a resolution; reopening is possible until 30 days after the Yerevan response date', () => {
      complaint.given(filed, acknowledged, assigned()).when(respond('partially-upheld')).then(responded('partially-upheld'));
    });

    it('responds to an escalated complaint', () => {
      complaint.given(filed, escalated('ministry')).when(respond('rejected')).then(responded('rejected'));
    });

    it('responds again to a reopened complaint', () => {
      complaint.given(filed, responded(), reopened).when(respond('upheld')).then(responded('upheld'));
    });

    it('refuses an unknown resolution or an empty response', () => {
      complaint
        .given(filed)
        .when({ type: 'RespondToComplaint', data: { response: 'x', resolution: 'maybe' as never }, metadata: NOW })
        .thenFails('VALIDATION_FAILED', 'INVALID_RESPONSE');
      complaint.given(filed).when({ type: 'RespondToComplaint', data: { response: '', resolution: 'upheld' }, metadata: NOW }).thenFails('VALIDATION_FAILED', 'INVALID_RESPONSE');
    });
  });

  describe('EscalateComplaint', () => {
    it('escalates to the head of community', () => {
      complaint.given(filed, acknowledged).when(escalate('head')).then(escalated('head'));
    });

    it('escalates from the head to the ministry', () => {
      complaint.given(filed, escalated('head')).when(escalate('ministry')).then(escalated('ministry'));
    });

    it('refuses to escalate to the same level again or lower', () => {
      complaint.given(filed, escalated('head')).when(escalate('head')).thenFails('INVALID_TRANSITION', 'COMPLAINT_ALREADY_ESCALATED');
      complaint.given(filed, escalated('ministry')).when(escalate('head')).thenFails('INVALID_TRANSITION', 'COMPLAINT_ALREADY_ESCALATED');
      complaint.given(filed, escalated('head'), assigned(), responded(), reopened).when(escalate('head')).thenFails('INVALID_TRANSITION', 'COMPLAINT_ALREADY_ESCALATED');
    });

    it('refuses an unknown level', () => {
      complaint
        .given(filed)
        .when({ type: 'EscalateComplaint', data: { to: 'court' as never, reason: 'x' }, metadata: NOW })
        .thenFails('VALIDATION_FAILED', 'INVALID_ESCALATION');
    });
  });

  describe('ReopenComplaint', () => {
    const respondedOn = (iso: string) => responded('upheld', iso, '2024-04-04');

    it('reopens a responded complaint', () => {
      complaint.given(filed, responded()).when(reopen()).then(reopened);
    });

    it('reopens a closed complaint within the period', () => {
      complaint.given(filed, responded(), closed).when(reopen()).then(reopened);
    });

    it('reopens on the 30th day after the response (Yerevan dates)', () => {
      // Responded 2024-03-05 (Yerevan); 2024-04-04T19:59Z is still 2024-04-04 in Yerevan (UTC+4).
      complaint
        .given(filed, respondedOn('2024-03-05T09:00:00Z'))
        .when(reopen(at('2024-04-04T19:59:00Z')))
        .then({ ...reopened, data: { ...reopened.data, at: '2024-04-04T19:59:00Z' } } as ComplaintEvent);
    });

    it('refuses on the 31st day (20:00 UTC is already the next day in Yerevan)', () => {
      complaint.given(filed, respondedOn('2024-03-05T09:00:00Z')).when(reopen(at('2024-04-04T20:00:00Z'))).thenFails('INVALID_TRANSITION', 'REOPEN_PERIOD_EXPIRED');
      complaint.given(filed, respondedOn('2024-03-05T09:00:00Z'), closed).when(reopen(at('2024-05-01T09:00:00Z'))).thenFails('INVALID_TRANSITION', 'REOPEN_PERIOD_EXPIRED');
    });

    it('refuses a reopening without a reason', () => {
      complaint.given(filed, responded()).when({ type: 'ReopenComplaint', data: { reason: '' }, metadata: NOW }).thenFails('VALIDATION_FAILED', 'INVALID_REOPENING');
    });
  });

  describe('CloseComplaint', () => {
    it('closes a responded complaint', () => {
      complaint.given(filed, responded()).when(close()).then(closed);
    });
  });

  describe('commands on a complaint that was never filed', () => {
    it.each([acknowledge(), assign(), respond(), escalate(), reopen(), close()])('%# is NOT_FOUND', (command) => {
      complaint.given().when(command).thenFails('NOT_FOUND', 'COMPLAINT_NOT_FOUND');
    });
  });

  /** Every status × command: the event it records, or the reason it is refused. */
  const table: Record<ComplaintStatus, Record<string, string>> = {
    filed: { acknowledge: 'ComplaintAcknowledged', assign: 'ComplaintAssigned', respond: 'ComplaintResponded', escalate: 'ComplaintEscalated', reopen: 'COMPLAINT_NOT_RESPONDED', close: 'COMPLAINT_NOT_RESPONDED' },
    acknowledged: { acknowledge: 'COMPLAINT_ALREADY_ACKNOWLEDGED', assign: 'ComplaintAssigned', respond: 'ComplaintResponded', escalate: 'ComplaintEscalated', reopen: 'COMPLAINT_NOT_RESPONDED', close: 'COMPLAINT_NOT_RESPONDED' },
    assigned: { acknowledge: 'COMPLAINT_ALREADY_ACKNOWLEDGED', assign: 'ComplaintAssigned', respond: 'ComplaintResponded', escalate: 'ComplaintEscalated', reopen: 'COMPLAINT_NOT_RESPONDED', close: 'COMPLAINT_NOT_RESPONDED' },
    escalated: { acknowledge: 'COMPLAINT_ALREADY_ACKNOWLEDGED', assign: 'ComplaintAssigned', respond: 'ComplaintResponded', escalate: 'ComplaintEscalated', reopen: 'COMPLAINT_NOT_RESPONDED', close: 'COMPLAINT_NOT_RESPONDED' },
    reopened: { acknowledge: 'COMPLAINT_ALREADY_ACKNOWLEDGED', assign: 'ComplaintAssigned', respond: 'ComplaintResponded', escalate: 'ComplaintEscalated', reopen: 'COMPLAINT_NOT_RESPONDED', close: 'COMPLAINT_NOT_RESPONDED' },
    responded: { acknowledge: 'COMPLAINT_ALREADY_ACKNOWLEDGED', assign: 'COMPLAINT_RESPONDED', respond: 'COMPLAINT_ALREADY_RESPONDED', escalate: 'COMPLAINT_RESPONDED', reopen: 'ComplaintReopened', close: 'ComplaintClosed' },
    closed: { acknowledge: 'COMPLAINT_CLOSED', assign: 'COMPLAINT_CLOSED', respond: 'COMPLAINT_CLOSED', escalate: 'COMPLAINT_CLOSED', reopen: 'ComplaintReopened', close: 'COMPLAINT_CLOSED' },
  };
  // Escalation goes to the ministry (above the head the escalated history used); assignment to someone new.
  const commands: Record<string, ComplaintCommand> = {
    acknowledge: acknowledge(),
    assign: assign('clerk-9'),
    respond: respond(),
    escalate: escalate('ministry'),
    reopen: reopen(),
    close: close(),
  };
  const cases = Object.entries(table).flatMap(([status, row]) => Object.entries(row).map(([command, outcome]) => [status, command, outcome] as const));

  it.each(cases)('from %s, %s gives %s', (status, command, outcome) => {
    const when = complaint.given(...histories[status as ComplaintStatus]).when(commands[command]);
    if (/^Complaint[A-Z]/.test(outcome)) {
      expect(isDomainError(when.result)).toBe(false);
      expect((when.result as ComplaintEvent[]).map((e) => e.type)).toEqual([outcome]);
    } else {
      when.thenFails('INVALID_TRANSITION', outcome);
    }
  });

  it('derives the status the table implies after each recorded step', () => {
    const after: Record<string, ComplaintStatus> = {
      ComplaintAcknowledged: 'acknowledged',
      ComplaintAssigned: 'assigned',
      ComplaintResponded: 'responded',
      ComplaintEscalated: 'escalated',
      ComplaintReopened: 'reopened',
      ComplaintClosed: 'closed',
    };
    for (const [status, command, outcome] of cases) {
      if (!/^Complaint[A-Z]/.test(outcome)) continue;
      const history = histories[status as ComplaintStatus];
      const events = complaintDecider.decide(commands[command], stateOf(...history)) as ComplaintEvent[];
      expect(complaintStatus(stateOf(...history, ...events)!)).toBe(after[outcome]);
    }
  });
});

describe('complaintView', () => {
  it('is null before filing', () => {
    expect(complaintView(stateOf(), '2024-03-01')).toBeNull();
  });

  it('shows the API fields of a filed complaint', () => {
    expect(complaintView(stateOf(filed), '2024-03-02')).toMatchObject({
      id: 'c1',
      status: 'filed',
      communityId: 'GYUMRI',
      channel: 'online',
      category: 'roads',
      subject: 'Փոսեր Գորկու փողոցում',
      resolution: null,
      responseDueOn: '2024-03-31',
      overdue: false,
      complainantId: 'res-1',
      filedAt: FILED_AT,
      respondedAt: null,
    });
  });

  it('is overdue after the due date until responded', () => {
    expect(complaintView(stateOf(filed), '2024-03-31')?.overdue).toBe(false);
    expect(complaintView(stateOf(filed), '2024-04-01')?.overdue).toBe(true);
    expect(complaintView(stateOf(filed, escalated()), '2024-04-01')?.overdue).toBe(true);
    expect(complaintView(stateOf(filed, responded()), '2024-04-01')).toMatchObject({ overdue: false, status: 'responded', resolution: 'upheld', respondedAt: NOW.now });
    expect(complaintView(stateOf(filed, responded(), closed), '2024-04-01')).toMatchObject({ overdue: false, status: 'closed' });
  });

  it('a reopened complaint counts against the original due date and keeps the last resolution', () => {
    expect(complaintView(stateOf(filed, responded('rejected'), reopened), '2024-04-02')).toMatchObject({
      status: 'reopened',
      overdue: true,
      resolution: 'rejected',
      reopenCount: 1,
    });
  });
});

describe('complaintEventCatalogue', () => {
  it('lists every complaint event type with every field of its data', () => {
    const samples: ComplaintEvent[] = [filed, acknowledged, assigned(), responded(), escalated(), reopened, closed];
    expect(complaintEventCatalogue.map((e) => e.type).sort()).toEqual(samples.map((e) => e.type).sort());
    for (const event of samples) {
      const entry = complaintEventCatalogue.find((e) => e.type === event.type)!;
      expect(Object.keys(entry.fields).sort()).toEqual(Object.keys(event.data).sort());
    }
  });
});
