/**
 * The staff directory's decider: one person's appointment (stream `appointment-<personalId>`).
 *
 * | command \ state  | never appointed / dismissed | staff of the same community | staff of another community | official |
 * |------------------|-----------------------------|-----------------------------|----------------------------|----------|
 * | AppointStaff     | StaffAppointed | StaffAppointed if the role or name changes, else nothing | ALREADY_APPOINTED | ALREADY_APPOINTED |
 * | DismissStaff     | NOT_APPOINTED  | StaffDismissed | NOT_APPOINTED | NOT_APPOINTED |
 * | AppointOfficial  | OfficialAppointed | ALREADY_APPOINTED | ALREADY_APPOINTED | OfficialAppointed if the role or name changes, else nothing |
 * | DismissOfficial  | NOT_APPOINTED  | NOT_APPOINTED | NOT_APPOINTED | OfficialDismissed |
 *
 * - A person holds one appointment at a time. Appointing someone who holds one elsewhere is refused rather
 *   than moving them: a move would take a clerk away from a community whose head never agreed (a head
 *   appoints in their own community only), so the first appointment is ended there first, by whoever may.
 * - Within the same community (or among officials) a new appointment changes the role or corrects the
 *   name; the same appointment again records nothing, so repeating it is harmless.
 */
import { match } from 'ts-pattern';
import type { Decider } from '../kernel/decider';
import { domainValidation, invalidTransition, type DomainError } from '../kernel/errors';
import {
  OFFICIAL_ROLES,
  PERSONAL_ID_PATTERN,
  STAFF_ROLES,
  type AppointOfficial,
  type AppointStaff,
  type DismissOfficial,
  type DismissStaff,
  type StaffDirectoryCommand,
} from './commands';
import type { StaffDirectoryEvent } from './events';
import { describeAppointment, type Appointment, type PersonState } from './state';

type Decision = StaffDirectoryEvent[] | DomainError;

/** Names are at most this many characters. */
export const MAX_PERSON_NAME = 200;

const nonBlank = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
const isPersonalId = (value: unknown): value is string => typeof value === 'string' && PERSONAL_ID_PATTERN.test(value);
const isName = (value: unknown): value is string => nonBlank(value) && [...value].length <= MAX_PERSON_NAME;

const invalidFields = (what: string, checks: Record<string, boolean>): DomainError | null => {
  const fields = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([field]) => field);
  return fields.length ? domainValidation('INVALID_APPOINTMENT', `Invalid ${what}: ${fields.join(', ')}`, fields) : null;
};

const alreadyAppointed = (personalId: string, held: Appointment): DomainError =>
  invalidTransition('ALREADY_APPOINTED', `Person ${personalId} is already appointed (${describeAppointment(held)}); dismiss them there first`);

const notAppointed = (personalId: string, as: string): DomainError => invalidTransition('NOT_APPOINTED', `Person ${personalId} is not appointed ${as}`);

const appointStaff = (command: AppointStaff, state: PersonState): Decision => {
  const d = command.data;
  const invalid = invalidFields('staff appointment', {
    personalId: isPersonalId(d.personalId),
    communityId: nonBlank(d.communityId),
    role: oneOf(STAFF_ROLES, d.role),
    name: isName(d.name),
  });
  if (invalid) return invalid;
  const appointed: Decision = [{ type: 'StaffAppointed', data: { personalId: d.personalId, communityId: d.communityId, role: d.role, name: d.name, at: command.metadata.now } }];
  const held = state?.appointment ?? null;
  if (held === null) return appointed;
  if (held.kind === 'official' || held.communityId !== d.communityId) return alreadyAppointed(d.personalId, held);
  return held.role === d.role && state?.name === d.name ? [] : appointed;
};

const dismissStaff = (command: DismissStaff, state: PersonState): Decision => {
  const d = command.data;
  const invalid = invalidFields('staff dismissal', { personalId: isPersonalId(d.personalId), communityId: nonBlank(d.communityId) });
  if (invalid) return invalid;
  const held = state?.appointment ?? null;
  if (held === null || held.kind !== 'staff' || held.communityId !== d.communityId) return notAppointed(d.personalId, `in community ${d.communityId}`);
  return [{ type: 'StaffDismissed', data: { personalId: d.personalId, communityId: d.communityId, role: held.role, at: command.metadata.now } }];
};

const appointOfficial = (command: AppointOfficial, state: PersonState): Decision => {
  const d = command.data;
  const invalid = invalidFields('official appointment', { personalId: isPersonalId(d.personalId), role: oneOf(OFFICIAL_ROLES, d.role), name: isName(d.name) });
  if (invalid) return invalid;
  const appointed: Decision = [{ type: 'OfficialAppointed', data: { personalId: d.personalId, role: d.role, name: d.name, at: command.metadata.now } }];
  const held = state?.appointment ?? null;
  if (held === null) return appointed;
  if (held.kind === 'staff') return alreadyAppointed(d.personalId, held);
  return held.role === d.role && state?.name === d.name ? [] : appointed;
};

const dismissOfficial = (command: DismissOfficial, state: PersonState): Decision => {
  const d = command.data;
  const invalid = invalidFields('official dismissal', { personalId: isPersonalId(d.personalId) });
  if (invalid) return invalid;
  const held = state?.appointment ?? null;
  if (held === null || held.kind !== 'official') return notAppointed(d.personalId, 'as an official (ministry or auditor)');
  return [{ type: 'OfficialDismissed', data: { personalId: d.personalId, role: held.role, at: command.metadata.now } }];
};

export const decide = (command: StaffDirectoryCommand, state: PersonState): Decision =>
  match(command)
    .with({ type: 'AppointStaff' }, (c) => appointStaff(c, state))
    .with({ type: 'DismissStaff' }, (c) => dismissStaff(c, state))
    .with({ type: 'AppointOfficial' }, (c) => appointOfficial(c, state))
    .with({ type: 'DismissOfficial' }, (c) => dismissOfficial(c, state))
    .exhaustive();

const appointedAs = (personalId: string, name: string, appointment: Appointment, at: string): PersonState => ({
  personalId,
  name,
  appointment,
  lastAppointment: appointment,
  appointedAt: at,
  dismissedAt: null,
});

const dismissed = (state: PersonState, at: string): PersonState => (state === null ? state : { ...state, appointment: null, dismissedAt: at });

export const evolve = (state: PersonState, event: StaffDirectoryEvent): PersonState =>
  match(event)
    .with({ type: 'StaffAppointed' }, ({ data }) => appointedAs(data.personalId, data.name, { kind: 'staff', communityId: data.communityId, role: data.role }, data.at))
    .with({ type: 'OfficialAppointed' }, ({ data }) => appointedAs(data.personalId, data.name, { kind: 'official', role: data.role }, data.at))
    .with({ type: 'StaffDismissed' }, { type: 'OfficialDismissed' }, ({ data }) => dismissed(state, data.at))
    .exhaustive();

export const initialState = (): PersonState => null;

/** The stream category of the directory: `appointment-<personalId>`. */
export const staffDirectoryDecider: Decider<StaffDirectoryCommand, StaffDirectoryEvent, PersonState> = {
  name: 'appointment',
  decide,
  evolve,
  initialState,
};
