import type { Api } from '../../src-main/contract/api.ts';
import type { ChannelName, RequestOf, Response, ResultOf } from '../../src-main/contract/channels.ts';
import type { AppErrorData } from '../../src-main/contract/errors.ts';

declare global {
  interface Window {
    /** Set by the desktop preload, or by `installBrowserApi` in browser mode; nothing else crosses. */
    api: Api;
  }
}

export class ApiError extends Error {
  readonly data: AppErrorData;
  constructor(data: AppErrorData) {
    super(data.message);
    this.data = data;
  }
}

/** Calls the main process and returns the value, or throws an `ApiError` carrying the typed error. */
export async function call<K extends ChannelName>(channel: K, request: RequestOf<K>): Promise<ResultOf<K>> {
  const method = window.api[channel] as unknown as (request: RequestOf<K>) => Promise<Response<K>>;
  const response = await method(request);
  if (!response.ok) throw new ApiError(inPlainWords(response.error));
  return response.value as ResultOf<K>;
}

/** A field problem as a sentence: the contract's "an amount like 1250.00" becomes "Enter an amount like 1250.00." */
function sentence(problem: { code: string; message: string }): string {
  if (/^an? /.test(problem.message)) return `Enter ${problem.message}.`;
  if (problem.code === 'too_small') return 'This can’t be empty.';
  if (problem.code === 'too_big') return 'This is too long.';
  return `${problem.message.charAt(0).toUpperCase()}${problem.message.slice(1)}${problem.message.endsWith('.') ? '' : '.'}`;
}

/**
 * A request its schema refused comes back as "Invalid request: value: a number like 1.5":
 * the page says it in plain words, at the field and in the message, never in the wire's.
 */
export function inPlainWords(error: AppErrorData): AppErrorData {
  if (error.code !== 'bad_request' || !error.fieldErrors?.length) return error;
  const fieldErrors = error.fieldErrors.map((f) => ({ ...f, message: sentence(f) }));
  return { ...error, message: fieldErrors[0]!.message, fieldErrors };
}

export function errorData(error: unknown): AppErrorData {
  if (error instanceof ApiError) return error.data;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
