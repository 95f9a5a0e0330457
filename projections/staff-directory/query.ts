/**
 * `staffDirectory(communityId)`: the community's staff, head and council members, then the ministry's
 * officials and the auditors, each group by name (Armenian collation).
 */
import type { ReadModelReader } from '../../application/ports/read-store';
import { STAFF_DIRECTORY_COLLECTIONS, type StaffDirectoryDoc } from './schema';

const PAGE = 1000;
const ROLE_ORDER = ['head', 'council', 'staff', 'ministry', 'auditor'];
const byName = new Intl.Collator('hy');

const all = async (readStore: ReadModelReader, filter: Record<string, string | boolean>): Promise<StaffDirectoryDoc[]> => {
  const out: StaffDirectoryDoc[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await readStore.find<StaffDirectoryDoc>(STAFF_DIRECTORY_COLLECTIONS.staffDirectory, { filter, limit: PAGE, ...(after ? { after } : {}) });
    out.push(...page.items);
    if (!page.hasNextPage || page.endCursor === null) return out;
    after = page.endCursor;
  }
};

export const createStaffDirectoryQueries = (readStore: ReadModelReader) => ({
  async staffDirectory(communityId: string): Promise<StaffDirectoryDoc[]> {
    const [community, national] = await Promise.all([all(readStore, { communityId }), all(readStore, { national: true })]);
    return [...community, ...national].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || byName.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  },
});
