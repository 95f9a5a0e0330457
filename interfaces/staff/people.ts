/**
 * Names of people as the staff directory knows them now: the community's staff, head and council members
 * and the national officials. Pages show a name where the directory has one and the person's id otherwise
 * (someone dismissed since, a resident, a system actor), so nothing is hidden when the directory is behind.
 */
import type { StaffPagesDeps } from './deps';

export type PeopleNames = ReadonlyMap<string, string>;

/** personalId → name for the community (or only the national officials when `communityId` is null). */
export const directoryNames = async (deps: Pick<StaffPagesDeps, 'queries'>, communityId: string | null): Promise<PeopleNames> => {
  const directory = await deps.queries.staffDirectory(communityId ?? '');
  return new Map(directory.map((p) => [p.personalId, p.name]));
};

/** The person's name, or their id when the directory does not know them. */
export const nameOr = (names: PeopleNames, id: string): string => names.get(id) ?? id;
