/**
 * The demo's people at work: the ministry official and the auditor, and in each demo community three
 * clerks, the head and the council secretary — named people with public service numbers (ՀԾՀ, 10 digits),
 * appointed in the staff directory through the same commands as real appointments, so that signing in
 * as one of them (README: "Demo staff") shows the workspace of that person: their community, their role,
 * the cases assigned to them. The demo's staff actors are these people (Actor.id = personalId).
 *
 * Personal ids: officials 10000000NN; a community's staff are its code's digits and a number
 * (`AM08001` → 08001 00001…), so an id says where its holder works. Pure data.
 */
import type { OfficialRole, StaffRole } from '../domain/staff-directory/commands';

export interface DemoOfficial {
  readonly personalId: string;
  readonly name: string;
  readonly role: OfficialRole;
}

export interface DemoStaffMember {
  readonly personalId: string;
  readonly name: string;
  readonly role: StaffRole;
}

export interface DemoCommunityStaff {
  /** The three clerks (the first also keeps the act register and the agenda). */
  readonly clerks: readonly [DemoStaffMember, DemoStaffMember, DemoStaffMember];
  readonly head: DemoStaffMember;
  /** The council secretary, who records the votes of a session. */
  readonly councilSecretary: DemoStaffMember;
}

/** The ministry official who keeps the communities' service catalogues (appointed by the system, as `hamaynk appoint` does). */
export const DEMO_MINISTRY_OFFICIAL: DemoOfficial = { personalId: '1000000001', name: 'Տիգրան Պետրոսյան', role: 'ministry' };
export const DEMO_AUDITOR: DemoOfficial = { personalId: '1000000002', name: 'Լիլիթ Սարգսյան', role: 'auditor' };

const NAMES: Readonly<Record<string, readonly [clerk1: string, clerk2: string, clerk3: string, head: string, council: string]>> = {
  AM08001: ['Անահիտ Մկրտչյան', 'Արմեն Հովհաննիսյան', 'Գոհար Ղազարյան', 'Վարդան Ղուկասյան', 'Նարինե Մանուկյան'],
  AM11003: ['Մարինե Ավետիսյան', 'Սամվել Գրիգորյան', 'Լուսինե Կարապետյան', 'Արտակ Հարությունյան', 'Աննա Ստեփանյան'],
  AM09003: ['Հասմիկ Բաղդասարյան', 'Դավիթ Մարտիրոսյան', 'Սոնա Առաքելյան', 'Արուշ Սահակյան', 'Կարեն Աղաջանյան'],
};

/** The personal id of a community's staff member `n` (1–3 clerks, 10 the head, 20 the council secretary). */
const staffId = (code: string, n: number): string => {
  const digits = code.replace(/\D/g, '').padStart(5, '0').slice(-5);
  return `${digits}${String(n).padStart(5, '0')}`;
};

/** The staff of a demo community (one of DEMO_COMMUNITIES). */
export const demoCommunityStaff = (code: string): DemoCommunityStaff => {
  const names = NAMES[code];
  if (!names) throw new Error(`demo seed: no staff for community ${code}`);
  const member = (n: number, name: string, role: StaffRole): DemoStaffMember => ({ personalId: staffId(code, n), name, role });
  return {
    clerks: [member(1, names[0], 'staff'), member(2, names[1], 'staff'), member(3, names[2], 'staff')],
    head: member(10, names[3], 'head'),
    councilSecretary: member(20, names[4], 'council'),
  };
};
