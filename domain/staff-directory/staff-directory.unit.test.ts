/**
 * The staff directory, one person at a time: a person holds at most one appointment — staff, head or
 * council of one community, or a ministry official or auditor — until they are dismissed.
 */
import { spec } from '../../tests/support/decider-spec';
import type { CommandMetadata } from '../kernel/decider';
import type { StaffDirectoryCommand, StaffRole, OfficialRole } from './commands';
import { staffDirectoryDecider } from './decider';
import type { StaffDirectoryEvent } from './events';
import { staffAppointmentView } from './view';
import { staffDirectoryEventCatalogue } from './catalogue';

const ID = '1234567890';
const NAME = 'Արմինե Գևորգյան';
const APPOINTED_AT = '2024-03-01T21:00:00.000Z'; // already 2 March in Yerevan
const LATER = '2024-06-10T09:00:00.000Z';
const at = (now: string): CommandMetadata => ({ now, actor: { id: 'ministry-1', role: 'ministry' } });

const appointStaff = (communityId = 'AM08001', role: StaffRole = 'staff', name = NAME, now = APPOINTED_AT): StaffDirectoryCommand => ({
  type: 'AppointStaff',
  data: { personalId: ID, communityId, role, name },
  metadata: at(now),
});
const dismissStaff = (communityId = 'AM08001'): StaffDirectoryCommand => ({ type: 'DismissStaff', data: { personalId: ID, communityId }, metadata: at(LATER) });
const appointOfficial = (role: OfficialRole = 'ministry', name = NAME, now = APPOINTED_AT): StaffDirectoryCommand => ({
  type: 'AppointOfficial',
  data: { personalId: ID, role, name },
  metadata: at(now),
});
const dismissOfficial = (): StaffDirectoryCommand => ({ type: 'DismissOfficial', data: { personalId: ID }, metadata: at(LATER) });

const staffAppointed = (communityId = 'AM08001', role: StaffRole = 'staff', name = NAME, when = APPOINTED_AT): StaffDirectoryEvent => ({
  type: 'StaffAppointed',
  data: { personalId: ID, communityId, role, name, at: when },
});
const staffDismissed = (communityId = 'AM08001', role: StaffRole = 'staff'): StaffDirectoryEvent => ({ type: 'StaffDismissed', data: { personalId: ID, communityId, role, at: LATER } });
const officialAppointed = (role: OfficialRole = 'ministry', name = NAME, when = APPOINTED_AT): StaffDirectoryEvent => ({
  type: 'OfficialAppointed',
  data: { personalId: ID, role, name, at: when },
});
const officialDismissed = (role: OfficialRole = 'ministry'): StaffDirectoryEvent => ({ type: 'OfficialDismissed', data: { personalId: ID, role, at: LATER } });

const person = spec(staffDirectoryDecider);

describe('staff directory', () => {
  describe('appointing staff', () => {
    it('appoints a person the directory has never seen, keeping their Armenian name as given', () => {
      person.given().when(appointStaff()).then(staffAppointed());
    });

    it('appoints again someone dismissed before, in any community', () => {
      person.given(staffAppointed('AM08001'), staffDismissed('AM08001')).when(appointStaff('AM11003', 'council')).then(staffAppointed('AM11003', 'council'));
      person.given(officialAppointed(), officialDismissed()).when(appointStaff()).then(staffAppointed());
    });

    it('changes the role (or corrects the name) of staff of the same community', () => {
      person.given(staffAppointed()).when(appointStaff('AM08001', 'head', NAME, LATER)).then(staffAppointed('AM08001', 'head', NAME, LATER));
      person.given(staffAppointed()).when(appointStaff('AM08001', 'staff', 'Արմինե Գևորգյան-Սահակյան', LATER)).then(staffAppointed('AM08001', 'staff', 'Արմինե Գևորգյան-Սահակյան', LATER));
    });

    it('records nothing for the same appointment again', () => {
      person.given(staffAppointed()).when(appointStaff()).thenNothing();
    });

    it('refuses someone appointed in another community or as an official: they are dismissed there first', () => {
      person.given(staffAppointed('AM08001')).when(appointStaff('AM11003')).thenFails('INVALID_TRANSITION', 'ALREADY_APPOINTED');
      person.given(officialAppointed('auditor')).when(appointStaff()).thenFails('INVALID_TRANSITION', 'ALREADY_APPOINTED');
      const refusal = person.given(staffAppointed('AM08001')).when(appointStaff('AM11003')).result;
      expect(refusal).toMatchObject({ message: `Person ${ID} is already appointed (staff of community AM08001); dismiss them there first` });
    });

    it('refuses a personal id that is not 10 digits, a blank name, an unknown role', () => {
      const bad = (data: Partial<{ personalId: string; name: string; role: string; communityId: string }>) =>
        person.given().when({ ...appointStaff(), data: { ...appointStaff().data, ...data } } as StaffDirectoryCommand).result;
      expect(bad({ personalId: '123456789' })).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'INVALID_APPOINTMENT', fields: ['personalId'] });
      expect(bad({ personalId: '12345678901' })).toMatchObject({ fields: ['personalId'] });
      expect(bad({ personalId: '12345ABCDE' })).toMatchObject({ fields: ['personalId'] });
      expect(bad({ name: '   ' })).toMatchObject({ fields: ['name'] });
      expect(bad({ name: 'Ա'.repeat(201) })).toMatchObject({ fields: ['name'] });
      expect(bad({ role: 'ministry', communityId: '' })).toMatchObject({ fields: ['communityId', 'role'] });
    });
  });

  describe('dismissing staff', () => {
    it('dismisses staff of the community, recording the role they held', () => {
      person.given(staffAppointed('AM08001', 'council')).when(dismissStaff()).then(staffDismissed('AM08001', 'council'));
    });

    it('refuses to dismiss someone not appointed in that community', () => {
      person.given().when(dismissStaff()).thenFails('INVALID_TRANSITION', 'NOT_APPOINTED');
      person.given(staffAppointed(), staffDismissed()).when(dismissStaff()).thenFails('INVALID_TRANSITION', 'NOT_APPOINTED');
      person.given(staffAppointed('AM11003')).when(dismissStaff('AM08001')).thenFails('INVALID_TRANSITION', 'NOT_APPOINTED');
      person.given(officialAppointed()).when(dismissStaff()).thenFails('INVALID_TRANSITION', 'NOT_APPOINTED');
    });
  });

  describe('officials', () => {
    it('appoints a ministry official or an auditor, and changes one role to the other', () => {
      person.given().when(appointOfficial('auditor')).then(officialAppointed('auditor'));
      person.given(officialAppointed('ministry')).when(appointOfficial('auditor', NAME, LATER)).then(officialAppointed('auditor', NAME, LATER));
      person.given(officialAppointed('ministry')).when(appointOfficial('ministry')).thenNothing();
    });

    it('refuses to appoint staff of a community as an official', () => {
      person.given(staffAppointed()).when(appointOfficial()).thenFails('INVALID_TRANSITION', 'ALREADY_APPOINTED');
    });

    it('dismisses an official; refuses to dismiss anyone else as one', () => {
      person.given(officialAppointed('auditor')).when(dismissOfficial()).then(officialDismissed('auditor'));
      person.given().when(dismissOfficial()).thenFails('INVALID_TRANSITION', 'NOT_APPOINTED');
      person.given(staffAppointed()).when(dismissOfficial()).thenFails('INVALID_TRANSITION', 'NOT_APPOINTED');
      person.given(officialAppointed(), officialDismissed()).when(dismissOfficial()).thenFails('INVALID_TRANSITION', 'NOT_APPOINTED');
    });
  });

  describe('the StaffAppointment view', () => {
    it('is null for a person never appointed', () => {
      expect(staffAppointmentView(person.given().state())).toBeNull();
    });

    it('shows the appointment with its Yerevan date, and the last one held once dismissed', () => {
      expect(staffAppointmentView(person.given(staffAppointed('AM08001', 'head')).state())).toEqual({
        id: ID,
        status: 'appointed',
        personalId: ID,
        name: NAME,
        role: 'head',
        communityId: 'AM08001',
        appointedAt: APPOINTED_AT,
        appointedOn: '2024-03-02',
        dismissedAt: null,
      });
      expect(staffAppointmentView(person.given(officialAppointed('auditor'), officialDismissed('auditor')).state())).toMatchObject({
        status: 'dismissed',
        role: 'auditor',
        communityId: null,
        dismissedAt: LATER,
      });
    });
  });

  it('catalogues every event it records', () => {
    expect(staffDirectoryEventCatalogue.map((e) => e.type).sort()).toEqual(['OfficialAppointed', 'OfficialDismissed', 'StaffAppointed', 'StaffDismissed']);
  });
});
