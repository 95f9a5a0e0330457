import { communityDecider, isMergedOn, type RegisteredCommunity } from '../../domain/community';
import type { CommandHandler } from '../command-handler';
import { InvalidTransition, ValidationFailed } from '../errors';

/**
 * How old the community's facts (registered, merged, services offered) may be when a case is checked
 * against them (`handler.loadRecent`): a change made by another process counts from at most this much
 * later. Under load this spares one read of the log per case opened.
 */
export const COMMUNITY_FACTS_MAX_AGE_MS = 250;

/**
 * A case is opened only in a community of the registry that has not been merged away
 * (applications, fees, acts and complaints all name their community). Returns the community.
 */
export const requireActiveCommunity = async (
  handler: Pick<CommandHandler, 'loadRecent'>,
  communityId: string,
  today: string,
  field = 'communityId',
): Promise<RegisteredCommunity> => {
  const { state } = await handler.loadRecent(communityDecider, `community-${communityId}`, COMMUNITY_FACTS_MAX_AGE_MS);
  if (state.status !== 'registered') throw new ValidationFailed(`Community ${communityId} is not registered`, [field], 'UNKNOWN_COMMUNITY');
  if (isMergedOn(state, today)) {
    throw new InvalidTransition(`Community ${communityId} was merged into ${state.merger?.mergedInto}; act there`, 'COMMUNITY_MERGED');
  }
  return state;
};
