import type { Api, Transport } from './api.ts';
import { channelNames } from './channel-names.ts';

/** Builds the typed `window.api` over any transport, one method per channel of the contract. */
export function buildApi(transport: Transport): Api {
  const methods: Record<string, unknown> = {};
  for (const name of channelNames) methods[name] = (request: unknown) => transport.invoke(name, request ?? {});
  methods.onEvent = (listener: Parameters<Transport['subscribe']>[0]) => transport.subscribe(listener);
  return Object.freeze(methods) as Api;
}
