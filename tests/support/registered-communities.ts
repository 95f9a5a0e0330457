/** Registers communities in a store, as the ministry would, so that cases can be opened in them. */
import { createCommandHandler } from '../../application/command-handler';
import { createCommands } from '../../application/commands/registry';
import { countingIds, fixedClock } from '../../application/ids';
import type { EventStore } from '../../application/ports/event-store';

export const registerCommunities = async (eventStore: EventStore, codes: readonly string[]): Promise<void> => {
  const clock = fixedClock('2020-01-01T08:00:00.000Z');
  const community = createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('registry') }), clock });
  for (const code of codes) {
    await community.registerCommunity(
      { input: { code, nameHy: `Համայնք ${code}`, nameEn: `Community ${code}`, province: 'Shirak', kind: 'urban', population: 10_000 } },
      { actor: { id: 'ministry-test', role: 'ministry', assurance: 'password', channel: 'staff' }, commandId: `register:${code}` },
    );
  }
};
