import { channels, type ChannelName } from '../contract/channels.ts';
import type { Result } from '../contract/errors.ts';
import { fieldErrorsOf, summaryOf } from '../contract/field-errors.ts';
import { AppError, toAppError } from '../errors/app-error.ts';
import type { HandlerContext, Handlers } from './handler-types.ts';

export type Dispatch = (channel: unknown, payload: unknown, context?: HandlerContext) => Promise<Result<unknown>>;

/**
 * The boundary every request crosses, whatever the transport (Electron IPC, the browser-mode
 * socket): an unknown channel or a payload that fails its schema is refused as a typed error
 * before any handler runs; a handler's failure comes back as a value, never as a throw. A value
 * may come already encoded as JSON (`EncodedJson`, from the read worker): each transport writes it out.
 */
export function createDispatcher(handlers: Handlers<ChannelName>): Dispatch {
  return async (channel, payload, context = {}) => {
    if (typeof channel !== 'string' || !Object.hasOwn(channels, channel)) {
      return fail(new AppError('bad_request', `Unknown request "${String(channel).slice(0, 60)}".`));
    }
    const name = channel as ChannelName;
    const parsed = channels[name].schema.safeParse(payload);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error, payload, 'request');
      return fail(new AppError('bad_request', summaryOf(fieldErrors), { field: fieldErrors[0]?.field, fieldErrors }));
    }
    try {
      const handler = handlers[name] as (request: unknown, context: HandlerContext) => Promise<unknown>;
      return { ok: true, value: (await handler(parsed.data, context)) ?? null };
    } catch (error) {
      return fail(toAppError(error, name));
    }
  };
}

/** Refuses a channel that two areas both claim (a spread would silently keep the last). */
export function assertDistinctHandlers(...areas: object[]): void {
  const seen = new Set<string>();
  for (const name of areas.flatMap((area) => Object.keys(area))) {
    if (seen.has(name)) throw new Error(`channel ${name} has two handlers`);
    seen.add(name);
  }
}

function fail(error: AppError): Result<never> {
  return { ok: false, error: error.toData() };
}
