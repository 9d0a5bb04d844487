import type { Handlers } from '../ipc/handler-types.ts';
import type { FeedController } from './feed-controller.ts';

export type FeedHandlers = Handlers<'getFeedSettings' | 'updateFeedSettings' | 'regenerateFeedToken' | 'revealFeedToken'>;

export function feedHandlers(feed: FeedController): FeedHandlers {
  return {
    getFeedSettings: () => feed.settings(),
    updateFeedSettings: (request) => feed.update(request),
    regenerateFeedToken: () => feed.regenerateToken(),
    revealFeedToken: async () => ({ token: await feed.revealToken() }),
  };
}
