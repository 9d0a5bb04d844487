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
  if (!response.ok) throw new ApiError(response.error);
  return response.value as ResultOf<K>;
}

export function errorData(error: unknown): AppErrorData {
  if (error instanceof ApiError) return error.data;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
