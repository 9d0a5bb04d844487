import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './tables.ts';

/**
 * A WAL file carries no name of the database it belongs to, so SQLite applies a `-wal` left
 * beside another copy of `sessionguard.db` without a word. Sessionguard links the two itself:
 * page 1 holds a stamp (PRAGMA user_version) that goes up by one each time the WAL has been
 * copied into the database in full, and the first write after that writes the new stamp, so
 * each WAL generation starts with its page 1. A WAL therefore holds either the stamp the
 * database file already has (its page 1 was copied back) or the next one; anything else came
 * from another database, or from an older or newer copy of this one.
 */
const RANGE = 2 ** 31;

export function freshStamp(): number {
  return randomInt(RANGE);
}

export function nextStamp(stamp: number): number {
  return (stamp + 1) % RANGE;
}

export function stampFits(walStamp: number, fileStamp: number): boolean {
  return walStamp === fileStamp || walStamp === nextStamp(fileStamp);
}

/**
 * Checkpoints, and when the WAL was copied in full, writes the next stamp with `writeStamp`,
 * which starts the next WAL generation with page 1. Returns whether it stamped.
 */
export async function checkpointAndStamp(conn: Kysely<Database>, writeStamp: (stamp: number) => void): Promise<boolean> {
  const [result] = (await sql<{ busy: number; log: number; checkpointed: number }>`PRAGMA wal_checkpoint(PASSIVE)`.execute(conn)).rows;
  if (result?.busy !== 0 || result.log !== result.checkpointed) return false;
  const [current] = (await sql<{ user_version: number }>`PRAGMA user_version`.execute(conn)).rows;
  writeStamp(nextStamp(current?.user_version ?? 0));
  return true;
}
