import { closeSync, openSync, readSync } from 'node:fs';

/** "SG" + "db" in ASCII: marks a file as a Sessionguard database (PRAGMA application_id). */
export const APPLICATION_ID = 0x53476462;

const SQLITE_HEADER = 'SQLite format 3\u0000';
const HEADER_BYTES = 100;

/** What the first 100 bytes of a database file say about it (https://sqlite.org/fileformat.html). */
export interface DatabaseHeader {
  pageSize: number;
  /** PRAGMA user_version: Sessionguard keeps its WAL generation stamp there (see generation-stamp.ts). */
  userVersion: number;
  applicationId: number;
}

/** Reads the first bytes of a file; a check that never changes it. */
export function readPrefix(file: string, length: number, position = 0): Buffer {
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, buffer, 0, length, position);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** True when the file starts with SQLite's header; a check that never changes the file. */
export function hasSqliteHeader(file: string): boolean {
  return readPrefix(file, SQLITE_HEADER.length).toString('latin1') === SQLITE_HEADER;
}

/** The header of page 1, from the file itself or from a page-1 image found in its WAL. */
export function parseDatabaseHeader(page: Buffer): DatabaseHeader | null {
  if (page.length < HEADER_BYTES || page.subarray(0, 16).toString('latin1') !== SQLITE_HEADER) return null;
  const size = page.readUInt16BE(16);
  return { pageSize: size === 1 ? 65536 : size, userVersion: page.readInt32BE(60), applicationId: page.readUInt32BE(68) };
}

export function readDatabaseHeader(file: string): DatabaseHeader | null {
  return parseDatabaseHeader(readPrefix(file, HEADER_BYTES));
}
