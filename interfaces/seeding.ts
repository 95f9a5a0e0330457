/** Seeding an install: the national history behind the 2019 report, then the demo communities' daily work. */
import { loadCommunitiesData } from '../seed/data';
import { buildNationalHistory } from '../seed/national-history';
import { seedHistory } from '../seed/seed-history';
import { seedDemo } from '../seed/demo';
import type { EventStore } from '../application/ports/event-store';
import type { Clock } from '../application/ids';
import { yerevanDate } from '../domain/shared/time';
import type { WriteSide } from './composition';

export interface SeedOptions {
  readonly history: boolean;
  readonly demo: boolean;
}

export const seed = async (
  write: WriteSide & { readonly eventStore: EventStore; readonly clock: Clock },
  options: SeedOptions,
  log: (line: string) => void = () => undefined,
): Promise<void> => {
  if (options.history) {
    const started = Date.now();
    const count = await seedHistory(write.services.community, buildNationalHistory(loadCommunitiesData()));
    log(`seeded the national community history 2011–2019: ${count} ministry commands in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (options.demo) {
    const started = Date.now();
    const result = await seedDemo({ services: write.services, eventStore: write.eventStore, today: yerevanDate(write.clock.now()) });
    log(`seeded the demo communities' daily work: ${result.commands} commands, ${result.appended} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
};
