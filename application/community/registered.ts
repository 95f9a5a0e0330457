import { communityDecider, isMergedOn } from '../../domain/community';
import type { CommandHandler } from '../command-handler';
import { InvalidTransition, ValidationFailed } from '../errors';

/**
 * A case is opened only in a community of the registry that has not been merged away
 * (applications, fees, acts and complaints all name their community).
 */
export const requireActiveCommunity = async (handler: Pick<CommandHandler, 'load'>, communityId: string, today: string, field = 'communityId'): Promise<void> => {
  const { state } = await handler.load(communityDecider, `community-${communityId}`);
  if (state.status !== 'registered') throw new ValidationFailed(`Community ${communityId} is not registered`, [field], 'UNKNOWN_COMMUNITY');
  if (isMergedOn(state, today)) {
    throw new InvalidTransition(`Community ${communityId} was merged into ${state.merger?.mergedInto}; act there`, 'COMMUNITY_MERGED');
  }
};
