import type { Core } from '../core/core.ts';
import type { Handlers } from '../ipc/handler-types.ts';

export type FeedHandlers = Handlers<'getFeedSettings' | 'updateFeedSettings' | 'regenerateFeedToken'>;

export function feedHandlers(core: Core): FeedHandlers {
  return {
    getFeedSettings: () => core.feed.settings(),
    updateFeedSettings: (request) => core.feed.update(request),
    regenerateFeedToken: () => core.feed.regenerateToken(),
  };
}
