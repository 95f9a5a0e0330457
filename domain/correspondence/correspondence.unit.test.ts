/**
 * The correspondence decider, given/when/then: registration in the three journals, cancellation,
 * resolutions and execution control, signing, dispatch and closing, and every refusal with its reason.
 */
import { spec } from '../../tests/support/decider-spec';
import type { CommandMetadata } from '../kernel/decider';
import type { DocumentCommand } from './commands';
import { documentDecider, evolve, initialState } from './decider';
import type { DocumentEvent } from './events';
import { documentStatus, isOverdue } from './state';
import { documentView } from './view';

const NOW = '2024-03-01T08:00:00Z'; // 12:00 in Yerevan, a Friday
const meta = (actorId = 'clerk-1', now = NOW): CommandMetadata => ({ now, actor: { id: actorId, role: 'staff' } });
const given = spec(documentDecider).given;

const ref = { documentId: 'd1', communityId: 'GYUMRI' };
const registration = { ...ref, number: '7', year: 2024, subject: 'Ճանապարհների վերանորոգում', attachments: [] };

const registerIncoming = (overrides: Record<string, unknown> = {}): DocumentCommand =>
  ({
    type: 'RegisterIncomingDocument',
    data: { ...registration, senderName: 'Շիրակի մարզպետարան', senderReference: '01/2345', receivedOn: '2024-02-29', channel: 'post', ...overrides },
    metadata: meta(),
  }) as DocumentCommand;
const registerOutgoing = (overrides: Record<string, unknown> = {}): DocumentCommand =>
  ({ type: 'RegisterOutgoingDocument', data: { ...registration, recipientName: 'Դիլիջանի համայնքապետարան', text: 'Հարգելի…', ...overrides }, metadata: meta() }) as DocumentCommand;
const registerInternal = (overrides: Record<string, unknown> = {}): DocumentCommand =>
  ({ type: 'RegisterInternalDocument', data: { ...registration, text: 'Հրաման', ...overrides }, metadata: meta() }) as DocumentCommand;
const cancel = (reason = 'Սխալմամբ գրանցված'): DocumentCommand => ({ type: 'CancelRegistration', data: { reason }, metadata: meta() });
const resolve = (executorIds: string[] = ['exec-1'], controlDueOn: string | null = '2024-03-11', controlWorkingDays: number | null = null, instruction = 'Պատրաստել պատասխան'): DocumentCommand => ({
  type: 'IssueResolution',
  data: { executorIds, instruction, controlDueOn, controlWorkingDays },
  metadata: meta('head-1'),
});
const report = (executorId = 'exec-1', text = 'Կատարված է', now = '2024-03-05T08:00:00Z'): DocumentCommand => ({ type: 'ReportExecution', data: { report: text }, metadata: meta(executorId, now) });
const extend = (dueOn: string, reason = 'Սպասում ենք տեղեկանքի'): DocumentCommand => ({ type: 'ExtendControl', data: { dueOn, reason }, metadata: meta('head-1') });
const sign: DocumentCommand = { type: 'SignOutgoingDocument', data: {}, metadata: meta('head-1') };
const dispatch = (via: 'interagency' | 'post' | 'email', linkedDocumentId?: string): DocumentCommand => ({
  type: 'DispatchDocument',
  data: { via, ...(linkedDocumentId !== undefined ? { linkedDocumentId } : {}) },
  metadata: meta(),
});
const close: DocumentCommand = { type: 'CloseDocument', data: {}, metadata: meta() };

const incomingRegistered: DocumentEvent = {
  type: 'IncomingDocumentRegistered',
  data: { ...registration, registeredAt: NOW, senderName: 'Շիրակի մարզպետարան', senderReference: '01/2345', receivedOn: '2024-02-29', channel: 'post' },
};
const outgoingRegistered = (recipientCommunityId?: string): DocumentEvent => ({
  type: 'OutgoingDocumentRegistered',
  data: { ...registration, registeredAt: NOW, recipientName: 'Դիլիջանի համայնքապետարան', ...(recipientCommunityId ? { recipientCommunityId } : {}), text: 'Հարգելի…' },
});
const cancelled: DocumentEvent = { type: 'DocumentRegistrationCancelled', data: { ...ref, reason: 'Սխալմամբ գրանցված', at: NOW } };
const resolutionIssued = (executorIds: string[] = ['exec-1'], controlDueOn: string | null = '2024-03-11'): DocumentEvent => ({
  type: 'ResolutionIssued',
  data: { ...ref, executorIds, instruction: 'Պատրաստել պատասխան', controlDueOn, controlWorkingDays: null, issuedBy: 'head-1', at: NOW },
});
const executionReported = (executorId = 'exec-1', at = '2024-03-05T08:00:00Z'): DocumentEvent => ({ type: 'ExecutionReported', data: { ...ref, executorId, report: 'Կատարված է', at } });
const signed: DocumentEvent = { type: 'OutgoingDocumentSigned', data: { ...ref, signedBy: 'head-1', at: NOW } };
const dispatchedByPost: DocumentEvent = { type: 'DocumentDispatched', data: { ...ref, via: 'post', at: NOW } };
const closed: DocumentEvent = { type: 'DocumentClosed', data: { ...ref, at: NOW } };

const stateAfter = (...events: DocumentEvent[]) => events.reduce(evolve, initialState())!;

describe('correspondence decider: registration', () => {
  it('given nothing, when an incoming document is registered, then it is in the journal with its number, Armenian text as given', () => {
    given().when(registerIncoming()).then(incomingRegistered);
  });

  it('registers outgoing and internal documents', () => {
    given().when(registerOutgoing({ recipientCommunityId: 'DILIJAN', inReplyTo: 'in-1' })).then({
      type: 'OutgoingDocumentRegistered',
      data: { ...registration, registeredAt: NOW, recipientName: 'Դիլիջանի համայնքապետարան', recipientCommunityId: 'DILIJAN', text: 'Հարգելի…', inReplyTo: 'in-1' },
    });
    given().when(registerInternal()).then({ type: 'InternalDocumentRegistered', data: { ...registration, registeredAt: NOW, text: 'Հրաման' } });
  });

  it('refuses a second registration of the same document', () => {
    given(incomingRegistered).when(registerIncoming()).thenFails('INVALID_TRANSITION', 'DOCUMENT_ALREADY_REGISTERED');
  });

  it('refuses an empty subject, a receipt date after today, an unknown channel, a bad number, an online letter without its resident', () => {
    given().when(registerIncoming({ subject: '  ' })).thenFails('VALIDATION_FAILED', 'INVALID_DOCUMENT');
    given().when(registerIncoming({ receivedOn: '2024-03-02' })).thenFails('VALIDATION_FAILED', 'INVALID_DOCUMENT');
    given().when(registerIncoming({ channel: 'pigeon' })).thenFails('VALIDATION_FAILED', 'INVALID_DOCUMENT');
    given().when(registerIncoming({ number: '0' })).thenFails('VALIDATION_FAILED', 'INVALID_DOCUMENT');
    given().when(registerIncoming({ channel: 'online' })).thenFails('VALIDATION_FAILED', 'INVALID_DOCUMENT');
    given().when(registerIncoming({ channel: 'post', linkedDocumentId: 'out-9' })).thenFails('VALIDATION_FAILED', 'INVALID_DOCUMENT');
  });

  it('refuses an outgoing document to its own community, answering itself, or without text', () => {
    given().when(registerOutgoing({ recipientCommunityId: 'GYUMRI' })).thenFails('VALIDATION_FAILED', 'INVALID_DOCUMENT');
    given().when(registerOutgoing({ inReplyTo: 'd1' })).thenFails('VALIDATION_FAILED', 'INVALID_DOCUMENT');
    given().when(registerOutgoing({ text: '' })).thenFails('VALIDATION_FAILED', 'INVALID_DOCUMENT');
  });

  it('refuses every command on a document not registered', () => {
    given().when(cancel()).thenFails('INVALID_TRANSITION', 'DOCUMENT_NOT_REGISTERED');
    given().when(resolve()).thenFails('INVALID_TRANSITION', 'DOCUMENT_NOT_REGISTERED');
    given().when(close).thenFails('INVALID_TRANSITION', 'DOCUMENT_NOT_REGISTERED');
  });
});

describe('correspondence decider: cancellation', () => {
  it('given a registered document, when cancelled with a reason, then it is cancelled and keeps its number', () => {
    given(incomingRegistered).when(cancel()).then(cancelled);
    expect(stateAfter(incomingRegistered, cancelled)).toMatchObject({ number: '7', cancellationReason: 'Սխալմամբ գրանցված' });
    expect(documentStatus(stateAfter(incomingRegistered, cancelled))).toBe('cancelled');
  });

  it('refuses a cancellation without a reason, and every command on a cancelled document', () => {
    given(incomingRegistered).when(cancel(' ')).thenFails('VALIDATION_FAILED', 'INVALID_CANCELLATION');
    for (const command of [cancel(), resolve(), report(), extend('2024-03-20'), close]) given(incomingRegistered, cancelled).when(command).thenFails('INVALID_TRANSITION', 'DOCUMENT_CANCELLED');
  });

  it('refuses to cancel a dispatched document', () => {
    given(outgoingRegistered(), signed, dispatchedByPost).when(cancel()).thenFails('INVALID_TRANSITION', 'DOCUMENT_DISPATCHED');
  });
});

describe('correspondence decider: resolutions and execution control', () => {
  it('given an incoming document, when the head issues a resolution, then it is in execution under control', () => {
    given(incomingRegistered).when(resolve()).then(resolutionIssued());
    const d = stateAfter(incomingRegistered, resolutionIssued());
    expect(documentStatus(d)).toBe('in-execution');
    expect(isOverdue(d, '2024-03-11')).toBe(false);
    expect(isOverdue(d, '2024-03-12')).toBe(true);
  });

  it('keeps the working days a control date was counted from', () => {
    given(incomingRegistered)
      .when(resolve(['exec-1'], '2024-03-14', 8))
      .then({ type: 'ResolutionIssued', data: { ...ref, executorIds: ['exec-1'], instruction: 'Պատրաստել պատասխան', controlDueOn: '2024-03-14', controlWorkingDays: 8, issuedBy: 'head-1', at: NOW } });
  });

  it('refuses no executors, a repeated executor, an empty instruction, a control date in the past, working days without a date or negative', () => {
    given(incomingRegistered).when(resolve([])).thenFails('VALIDATION_FAILED', 'INVALID_RESOLUTION');
    given(incomingRegistered).when(resolve(['exec-1', 'exec-1'])).thenFails('VALIDATION_FAILED', 'INVALID_RESOLUTION');
    given(incomingRegistered).when(resolve(['exec-1'], '2024-03-11', null, ' ')).thenFails('VALIDATION_FAILED', 'INVALID_RESOLUTION');
    given(incomingRegistered).when(resolve(['exec-1'], '2024-02-29')).thenFails('VALIDATION_FAILED', 'INVALID_RESOLUTION');
    given(incomingRegistered).when(resolve(['exec-1'], null, 5)).thenFails('VALIDATION_FAILED', 'INVALID_RESOLUTION');
    given(incomingRegistered).when(resolve(['exec-1'], '2024-03-11', -3)).thenFails('VALIDATION_FAILED', 'INVALID_RESOLUTION');
  });

  it('refuses a resolution on an outgoing document', () => {
    given(outgoingRegistered()).when(resolve()).thenFails('INVALID_TRANSITION', 'RESOLUTION_ON_OUTGOING');
  });

  it('is executed when every executor of the current resolution has reported', () => {
    given(incomingRegistered, resolutionIssued(['exec-1', 'exec-2'])).when(report('exec-1')).then(executionReported('exec-1'));
    const partly = stateAfter(incomingRegistered, resolutionIssued(['exec-1', 'exec-2']), executionReported('exec-1'));
    expect(documentStatus(partly)).toBe('in-execution');
    const done = stateAfter(incomingRegistered, resolutionIssued(['exec-1', 'exec-2']), executionReported('exec-1'), executionReported('exec-2', '2024-03-06T08:00:00Z'));
    expect(documentStatus(done)).toBe('executed');
    expect(documentView(done, '2024-03-20')).toMatchObject({ overdue: false, executedOnTime: true, executedAt: '2024-03-06T08:00:00Z' });
  });

  it('a new resolution re-routes the document: the new executors report afresh', () => {
    const rerouted = stateAfter(incomingRegistered, resolutionIssued(['exec-1', 'exec-2']), executionReported('exec-1'), resolutionIssued(['exec-3']));
    expect(rerouted.reportedBy).toEqual([]);
    given(incomingRegistered, resolutionIssued(['exec-1', 'exec-2']), executionReported('exec-1'), resolutionIssued(['exec-3']))
      .when(report('exec-1'))
      .thenFails('INVALID_TRANSITION', 'NOT_AN_EXECUTOR');
  });

  it('refuses a report without a resolution, by someone not an executor, twice by the same executor, or after execution', () => {
    given(incomingRegistered).when(report()).thenFails('INVALID_TRANSITION', 'NO_RESOLUTION');
    given(incomingRegistered, resolutionIssued()).when(report('clerk-9')).thenFails('INVALID_TRANSITION', 'NOT_AN_EXECUTOR');
    given(incomingRegistered, resolutionIssued(['exec-1', 'exec-2']), executionReported('exec-1')).when(report('exec-1')).thenFails('INVALID_TRANSITION', 'EXECUTION_ALREADY_REPORTED');
    given(incomingRegistered, resolutionIssued(), executionReported()).when(report()).thenFails('INVALID_TRANSITION', 'DOCUMENT_EXECUTED');
    given(incomingRegistered, resolutionIssued()).when(report('exec-1', ' ')).thenFails('VALIDATION_FAILED', 'INVALID_EXECUTION_REPORT');
  });

  it('extends the control date to a later one, with a reason', () => {
    given(incomingRegistered, resolutionIssued())
      .when(extend('2024-03-20'))
      .then({ type: 'ControlExtended', data: { ...ref, previousDueOn: '2024-03-11', dueOn: '2024-03-20', reason: 'Սպասում ենք տեղեկանքի', at: NOW } });
    given(incomingRegistered, resolutionIssued()).when(extend('2024-03-11')).thenFails('VALIDATION_FAILED', 'EXTENSION_NOT_LATER');
    given(incomingRegistered, resolutionIssued()).when(extend('2024-03-20', '')).thenFails('VALIDATION_FAILED', 'INVALID_EXTENSION');
    given(incomingRegistered, resolutionIssued(['exec-1'], null)).when(extend('2024-03-20')).thenFails('INVALID_TRANSITION', 'NOT_UNDER_CONTROL');
    given(incomingRegistered).when(extend('2024-03-20')).thenFails('INVALID_TRANSITION', 'NOT_UNDER_CONTROL');
    given(incomingRegistered, resolutionIssued(), executionReported()).when(extend('2024-03-20')).thenFails('INVALID_TRANSITION', 'DOCUMENT_EXECUTED');
  });

  it('closes an executed document, and refuses to close one not executed; a closed document takes no command', () => {
    given(incomingRegistered, resolutionIssued(), executionReported()).when(close).then(closed);
    given(incomingRegistered, resolutionIssued()).when(close).thenFails('INVALID_TRANSITION', 'DOCUMENT_NOT_EXECUTED');
    given(incomingRegistered, resolutionIssued(), executionReported(), closed).when(resolve()).thenFails('INVALID_TRANSITION', 'DOCUMENT_CLOSED');
  });
});

describe('correspondence decider: signing and dispatch', () => {
  it('given an outgoing document, the head signs it, then it is dispatched by post and closed', () => {
    given(outgoingRegistered()).when(sign).then(signed);
    given(outgoingRegistered(), signed).when(dispatch('post')).then(dispatchedByPost);
    given(outgoingRegistered(), signed, dispatchedByPost).when(close).then(closed);
  });

  it('dispatches to a community on the system interagency, naming the incoming document registered there', () => {
    given(outgoingRegistered('DILIJAN'), signed)
      .when(dispatch('interagency', 'in-dilijan-1'))
      .then({ type: 'DocumentDispatched', data: { ...ref, via: 'interagency', recipientCommunityId: 'DILIJAN', linkedDocumentId: 'in-dilijan-1', at: NOW } });
    given(outgoingRegistered('DILIJAN'), signed).when(dispatch('post')).thenFails('VALIDATION_FAILED', 'INVALID_DISPATCH');
    given(outgoingRegistered('DILIJAN'), signed).when(dispatch('interagency')).thenFails('VALIDATION_FAILED', 'INVALID_DISPATCH');
    given(outgoingRegistered(), signed).when(dispatch('interagency', 'x')).thenFails('VALIDATION_FAILED', 'INVALID_DISPATCH');
  });

  it('refuses to dispatch an unsigned document, to sign or dispatch twice, to sign an incoming one, to close one not dispatched', () => {
    given(outgoingRegistered()).when(dispatch('post')).thenFails('INVALID_TRANSITION', 'DOCUMENT_NOT_SIGNED');
    given(outgoingRegistered(), signed).when(sign).thenFails('INVALID_TRANSITION', 'ALREADY_SIGNED');
    given(outgoingRegistered(), signed, dispatchedByPost).when(dispatch('email')).thenFails('INVALID_TRANSITION', 'ALREADY_DISPATCHED');
    given(incomingRegistered).when(sign).thenFails('INVALID_TRANSITION', 'NOT_OUTGOING');
    given(incomingRegistered).when(dispatch('post')).thenFails('INVALID_TRANSITION', 'NOT_OUTGOING');
    given(outgoingRegistered(), signed).when(close).thenFails('INVALID_TRANSITION', 'DOCUMENT_NOT_DISPATCHED');
  });
});
