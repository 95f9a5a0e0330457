/**
 * Services counted in working days: the due date is the deadline's working days after the submission
 * date, counted with the calendar as recorded by the command's time; while the case awaits the
 * applicant the clock stops, and the answer moves the due date by the working days waited.
 */
import { spec } from '../../tests/support/decider-spec';
import type { CalendarDeclaration } from '../working-days/calendar';
import type { ApplicationCommand, ServiceSnapshot } from './commands';
import { applicationDecider } from './decider';
import type { ApplicationEvent } from './events';

const base = { applicationId: 'app-7', communityId: 'AM08001' };
const resident = { id: 'res-1', role: 'resident' };
const staff = { id: 'staff-2', role: 'staff' };
const workingService: ServiceSnapshot = { code: 'land-extract', nameHy: 'Քաղվածք', nameEn: 'Land extract', feeAmd: 0, deadlineDays: 5, deadlineKind: 'working', issues: 'none' };
const calendarService: ServiceSnapshot = { code: 'land-extract', nameHy: 'Քաղվածք', nameEn: 'Land extract', feeAmd: 0, deadlineDays: 5, issues: 'none' };

const submit = (service: ServiceSnapshot, now: string, workingDays?: readonly CalendarDeclaration[]): ApplicationCommand => ({
  type: 'SubmitApplication',
  data: {
    ...base,
    service,
    kind: 'application',
    subject: 'Քաղվածք հողամասի մասին',
    details: 'Խնդրում եմ տրամադրել',
    applicantId: 'res-1',
    applicantName: 'Անի Սարգսյան',
    channel: 'online',
    ...(workingDays ? { workingDays } : {}),
  },
  metadata: { now, actor: resident },
});

const dueOnOf = (events: unknown): string => ((events as ApplicationEvent[])[0].data as { dueOn: string }).dueOn;
const decideSubmission = (service: ServiceSnapshot, now: string, workingDays?: readonly CalendarDeclaration[]) =>
  applicationDecider.decide(submit(service, now, workingDays), applicationDecider.initialState());

// A Monday in September 2025 made non-working, recorded on 1 September.
const mondayOff: CalendarDeclaration = { on: '2025-09-22', working: false, declaredAt: '2025-09-01T10:00:00Z' };

describe('an application to a service counted in working days', () => {
  it('is due the 5th working day after the submission date, stepping over weekends and 21 September', () => {
    // Tuesday 16 September 2025 (Yerevan): 17, 18, 19, [20–21 weekend, 21 Independence Day], 22, 23.
    expect(dueOnOf(decideSubmission(workingService, '2025-09-16T08:00:00Z'))).toBe('2025-09-23');
    // The same service counted in calendar days: 16 + 5 = 21 September, a Sunday.
    expect(dueOnOf(decideSubmission(calendarService, '2025-09-16T08:00:00Z'))).toBe('2025-09-21');
  });

  it('is counted with the declarations recorded by the submission, not with those recorded later (time travel)', () => {
    expect(dueOnOf(decideSubmission(workingService, '2025-09-16T08:00:00Z', [mondayOff]))).toBe('2025-09-24');
    // Submitted before the declaration was recorded: the Monday still counts.
    expect(dueOnOf(decideSubmission(workingService, '2025-08-29T08:00:00Z', [mondayOff]))).toBe(dueOnOf(decideSubmission(workingService, '2025-08-29T08:00:00Z')));
  });

  it('keeps deadlineKind in the service terms of the case', () => {
    expect(decideSubmission(workingService, '2025-09-16T08:00:00Z')).toMatchObject([{ data: { service: { deadlineKind: 'working' } } }]);
    expect((decideSubmission(calendarService, '2025-09-16T08:00:00Z') as ApplicationEvent[])[0].data).not.toHaveProperty('service.deadlineKind');
  });

  describe('the clock stops while it awaits information', () => {
    const submitted = (decideSubmission(workingService, '2025-09-16T08:00:00Z') as ApplicationEvent[])[0];
    const registered: ApplicationEvent = { type: 'ApplicationRegistered', data: { ...base, registrationNumber: 'AM08001/2025/7', registeredBy: 'staff-1', registeredAt: '2025-09-16T09:00:00Z' } };
    const assigned: ApplicationEvent = { type: 'ApplicationAssigned', data: { ...base, assigneeId: 'staff-2', assignedBy: 'staff-1', assignedAt: '2025-09-16T10:00:00Z' } };
    // Asked on Wednesday 17 September (Yerevan date).
    const asked: ApplicationEvent = { type: 'ApplicationInformationRequested', data: { ...base, question: 'Կցեք հատակագիծը', requestedBy: 'staff-2', requestedAt: '2025-09-17T06:00:00Z' } };
    const answer = (now: string, workingDays?: readonly CalendarDeclaration[]): ApplicationCommand => ({
      type: 'ProvideApplicationInformation',
      data: { answer: 'Կցված է', ...(workingDays ? { workingDays } : {}) },
      metadata: { now, actor: resident },
    });

    it('and resumes when answered: the due date moves by the working days waited', () => {
      // Answered Monday 22 September: the working days waited after the 17th are 18, 19 and 22 (three),
      // so 23 September moves three working days on, to Friday 26 September.
      spec(applicationDecider)
        .given(submitted, registered, assigned, asked)
        .when(answer('2025-09-22T07:00:00Z'))
        .then({ type: 'ApplicationInformationProvided', data: { ...base, answer: 'Կցված է', providedBy: 'res-1', providedAt: '2025-09-22T07:00:00Z', dueOn: '2025-09-26' } });
    });

    it('counts a day declared non-working as not waited, and steps over it', () => {
      // With 22 September declared non-working: waited 18, 19 (two); 23 → 24, 25.
      const events = applicationDecider.decide(answer('2025-09-22T07:00:00Z', [mondayOff]), spec(applicationDecider).given(submitted, registered, assigned, asked).state());
      expect(events).toMatchObject([{ data: { dueOn: '2025-09-25' } }]);
    });

    it('a case that waited only over a weekend keeps its due date', () => {
      // Asked Friday 19, answered Saturday 20 September: no working day waited.
      const askedFriday: ApplicationEvent = { ...asked, data: { ...asked.data, requestedAt: '2025-09-19T06:00:00Z' } } as ApplicationEvent;
      const events = applicationDecider.decide(answer('2025-09-20T07:00:00Z'), spec(applicationDecider).given(submitted, registered, assigned, askedFriday).state());
      expect(events).toMatchObject([{ data: { dueOn: '2025-09-23' } }]);
    });

    it('staff asking again stop it again, and each wait moves it', () => {
      const first = { type: 'ApplicationInformationProvided', data: { ...base, answer: 'Կցված է', providedBy: 'res-1', providedAt: '2025-09-22T07:00:00Z', dueOn: '2025-09-26' } } as ApplicationEvent;
      const askedAgain: ApplicationEvent = { type: 'ApplicationInformationRequested', data: { ...base, question: 'Եվ չափերը', requestedBy: staff.id, requestedAt: '2025-09-24T06:00:00Z' } };
      // 24 → 25 September: one working day more.
      const events = applicationDecider.decide(answer('2025-09-25T07:00:00Z'), spec(applicationDecider).given(submitted, registered, assigned, asked, first, askedAgain).state());
      expect(events).toMatchObject([{ data: { dueOn: '2025-09-29' } }]);
    });
  });
});
