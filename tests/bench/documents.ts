/**
 * Correspondence registration in process through `createWriteSide` on a SqliteEventStore (FULL): 16
 * callers registering incoming documents into ONE community's incoming journal — every registration
 * takes the next number of one gap-free sequence (the journal stream, through `takeNumber`) before its
 * document stream is created — beside `submitApplication` ×16 (16 callers, each a new application stream,
 * no shared sequence), its baseline, measured in turns in the same run on the same log.
 */
import { ConcurrencyConflict } from '../../application/errors';
import type { EventStore } from '../../application/ports/event-store';
import { documentJournalStreamId } from '../../domain/correspondence/journal';
import { yerevanDate } from '../../domain/kernel/time';
import type { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { createWriteSide } from '../../interfaces/composition';
import { ROUNDS } from './appends';
import { COMMUNITY_10, resident, staffOf, submission } from './fixtures';
import { interleaved, type BenchRow, type Contender } from './harness';

export const DOCUMENTS = 'correspondence registration';
export const SUBMIT_16_BESIDE = 'submitApplication ×16 callers';
export const REGISTER_DOCUMENTS_16 = 'registerIncomingDocument ×16 callers into one journal';

export const documentRows = async (quick: boolean, logs: ReadonlyArray<{ readonly log: number; readonly store: SqliteEventStore }>): Promise<BenchRow[]> => {
  const maxSeconds = quick ? 1.5 : 3;
  const count = quick ? 1200 : 4000;
  const contenders: Contender[] = [];
  const finish: Array<() => Promise<Record<string, string>>> = [];
  for (const { log, store } of logs) {
    // Appends refused for a stale expected revision: the journal's conflict retries.
    let conflicts = 0;
    const counting = new Proxy(store, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (property !== 'append' || typeof value !== 'function') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        return async (...args: Parameters<EventStore['append']>) => {
          try {
            return await target.append(...args);
          } catch (error) {
            if (error instanceof ConcurrencyConflict) conflicts += 1;
            throw error;
          }
        };
      },
    });
    const { commands } = createWriteSide({ eventStore: counting });
    const clerk = { actor: staffOf(COMMUNITY_10) };
    const register = (i: number) =>
      commands.registerIncomingDocument(
        { input: { communityId: COMMUNITY_10, senderName: 'Շիրակի մարզպետարան', senderReference: `01/${i}`, receivedOn: yerevanDate(new Date()), subject: `Նամակ ${i}`, channel: 'post' } } as Parameters<
          typeof commands.registerIncomingDocument
        >[0],
        clerk,
      );
    const submit = () => commands.submitApplication({ input: submission(COMMUNITY_10) }, { actor: resident });
    // Warm up both paths (JIT); the journal's first numbers go to the warm-up.
    for (let i = 0; i < 50; i++) {
      await register(-1 - i);
      await submit();
    }
    const journal = documentJournalStreamId(COMMUNITY_10, 'incoming', Number(yerevanDate(new Date()).slice(0, 4)));
    const numbersBefore = ((await store.streamInfo(journal))?.revision ?? -1) + 1;
    let registered = 0;
    const conflictsBefore = conflicts;
    finish.push(async () => {
      const numbersAfter = ((await store.streamInfo(journal))?.revision ?? -1) + 1;
      const retries = conflicts - conflictsBefore;
      return {
        [REGISTER_DOCUMENTS_16]: `${registered} documents, journal numbers ${numbersBefore + 1}…${numbersAfter} (${numbersAfter - numbersBefore} taken, ${numbersAfter - numbersBefore === registered ? 'none lost' : 'MISMATCH'}); ${retries} conflict retries (${(retries / Math.max(registered, 1)).toFixed(1)} per registration)`,
      };
    });
    contenders.push(
      { group: DOCUMENTS, name: SUBMIT_16_BESIDE, count, op: submit, options: { log, maxSeconds, concurrency: 16, note: 'community stream of 10 events, a new application stream each' } },
      {
        group: DOCUMENTS,
        name: REGISTER_DOCUMENTS_16,
        count,
        op: async (i) => {
          await register(i);
          registered += 1;
        },
        options: { log, maxSeconds, concurrency: 16, baseline: SUBMIT_16_BESIDE },
      },
    );
  }
  const rows = await interleaved(ROUNDS, contenders);
  const notes = await Promise.all(finish.map((f) => f()));
  return rows.map((r) => {
    const note = notes[logs.findIndex((l) => l.log === r.log)]?.[r.name];
    return note ? { ...r, note } : r;
  });
};
