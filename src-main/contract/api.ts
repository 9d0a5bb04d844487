import type { ChannelName, RequestOf, Response } from './channels.ts';
import type { AppEvent } from './events.ts';

/**
 * `window.api`: one method per contract channel plus a subscription to the event stream.
 * The preload (desktop), the WebSocket bridge (browser mode) and the tests' fake all have
 * exactly this type.
 */
export type Api = { [K in ChannelName]: (request: RequestOf<K>) => Promise<Response<K>> } & {
  onEvent(listener: (event: AppEvent) => void): () => void;
};

/** A transport only needs to carry one request and deliver events; `buildApi` does the rest. */
export interface Transport {
  invoke(channel: ChannelName, request: unknown): Promise<unknown>;
  subscribe(listener: (event: AppEvent) => void): () => void;
}
