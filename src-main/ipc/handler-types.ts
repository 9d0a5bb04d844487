import type { ChannelName, ParsedRequestOf, ResultOf } from '../contract/channels.ts';
import type { Answer } from './encoded-json.ts';

/** What the transport knows about a request: `signal` aborts when its caller has gone (a closed socket). */
export interface HandlerContext {
  signal?: AbortSignal;
}

/** A handler takes the request already validated by the channel's schema; its value may come encoded (see EncodedJson). */
export type Handler<K extends ChannelName> = (request: ParsedRequestOf<K>, context: HandlerContext) => Promise<Answer<ResultOf<K>>>;
export type Handlers<K extends ChannelName> = { [P in K]: Handler<P> };
