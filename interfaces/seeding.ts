/** Seeding an install: the national history behind the 2019 report, then the demo communities' daily work. */
import { loadCommunitiesData } from '../application/seed/data';
import { buildNationalHistory } from '../application/seed/national-history';
import { seedHistory } from '../application/seed/seed-history';
import type { WriteSide } from './composition';

export interface SeedOptions {
  readonly history: boolean;
  readonly demo: boolean;
}

export const seed = async (write: WriteSide, options: SeedOptions, log: (line: string) => void = () => undefined): Promise<void> => {
  if (options.history) {
    const started = Date.now();
    const count = await seedHistory(write.services.community, buildNationalHistory(loadCommunitiesData()));
    log(`seeded the national community history 2011–2019: ${count} ministry commands in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
};
