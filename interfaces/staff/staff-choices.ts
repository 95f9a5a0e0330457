/**
 * The community's staff as the choices of an "assign" field: the members of staff and the head appointed
 * in the staff directory now (council members handle no cases), by name. While the directory lists nobody
 * for the community (a community set up before its staff were appointed), the field stays a text field for
 * a person's id, so a case can still be assigned.
 */
import type { ChoiceItem } from './command-forms';
import type { StaffPagesDeps } from './deps';

const ASSIGNABLE_ROLES: ReadonlySet<string> = new Set(['staff', 'head']);

export const assignableStaff = async (deps: Pick<StaffPagesDeps, 'queries'>, communityId: string): Promise<ChoiceItem[]> => {
  const directory = await deps.queries.staffDirectory(communityId);
  return directory.filter((p) => p.communityId === communityId && ASSIGNABLE_ROLES.has(p.role)).map((p) => ({ value: p.personalId, text: p.name }));
};

/** `{ [field]: the community's staff }`, or no choices while the directory lists none. */
export const staffChoices = async (deps: Pick<StaffPagesDeps, 'queries'>, communityId: string, field: string): Promise<Record<string, readonly ChoiceItem[]>> => {
  const staff = await assignableStaff(deps, communityId);
  return staff.length > 0 ? { [field]: staff } : {};
};
