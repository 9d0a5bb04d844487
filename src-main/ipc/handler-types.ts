import type { ChannelName, ParsedRequestOf, ResultOf } from '../contract/channels.ts';

/** A handler takes the request already validated by the channel's schema. */
export type Handler<K extends ChannelName> = (request: ParsedRequestOf<K>) => Promise<ResultOf<K>>;
export type Handlers<K extends ChannelName> = { [P in K]: Handler<P> };
