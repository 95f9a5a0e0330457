/** Seeding an install: the national history behind the 2019 report, then the demo communities' daily work. */
import { loadCommunitiesData } from '../seed/data';
import { buildNationalHistory } from '../seed/national-history';
import { seedHistory } from '../seed/seed-history';
import { demoDataInLog, seedDemo } from '../seed/demo';
import type { EventStore } from '../application/ports/event-store';
import type { Clock } from '../application/ids';
import { yerevanDate } from '../domain/kernel/time';
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
    const count = await seedHistory(write.commands, buildNationalHistory(loadCommunitiesData()));
    log(`seeded the national community history 2011–2019: ${count} ministry commands in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (options.demo) {
    const started = Date.now();
    const result = await seedDemo({ commands: write.commands, eventStore: write.eventStore, today: yerevanDate(write.clock.now()) });
    log(`seeded the demo communities' daily work: ${result.commands} commands, ${result.appended} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
};

/**
 * Whether the log holds the demo's cases, for the pages' banner: once seen it stays (the log only
 * grows); until then it is asked again at most every `recheckMs` (a `hamaynk seed --demo` may run
 * beside the server).
 */
export const demoDataWatch = (eventStore: Pick<EventStore, 'findCommand' | 'readStream'>, recheckMs = 2000): (() => Promise<boolean>) => {
  let seen = false;
  let checked: { at: number; answer: Promise<boolean> } | null = null;
  return async () => {
    if (seen) return true;
    if (checked === null || Date.now() - checked.at >= recheckMs) checked = { at: Date.now(), answer: demoDataInLog(eventStore) };
    const answer = checked.answer;
    try {
      seen = await answer;
    } catch (error) {
      if (checked?.answer === answer) checked = null;
      throw error;
    }
    return seen;
  };
};
