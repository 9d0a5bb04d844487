/**
 * A handler's value already written as JSON, in UTF-8: what the read worker answers with, so
 * the main thread neither copies nor re-serialises a multi-megabyte export. The browser-mode
 * bridge writes the bytes into its reply frame as they are; Electron's IPC decodes them first.
 */
export class EncodedJson<T = unknown> {
  readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  decode(): T {
    return JSON.parse(new TextDecoder().decode(this.bytes)) as T;
  }
}

/** What a handler may answer: the value, or the value already encoded. */
export type Answer<T> = T | EncodedJson<T>;

/** The value an answer stands for, encoded or not. */
export type Plain<A> = A extends EncodedJson<infer T> ? T : A;

/** The value itself, decoding it if it came encoded. */
export function decoded<T>(answer: Answer<T>): T {
  return answer instanceof EncodedJson ? answer.decode() : answer;
}
