import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../migrations/index.ts';
import { AppError } from '../errors/app-error.ts';

/**
 * Applies pending migrations in one transaction and records each in `schema_migration`.
 * Versions must rise in the list; a database that has a version this app does not know
 * was written by a newer Sessionguard and is refused rather than used half-understood.
 */
export async function migrate(db: Pick<Kysely<any>, 'connection'>, migrations: readonly Migration[], now: number): Promise<{ applied: number[] }> {
  assertOrdered(migrations);
  return db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, appliedAt INTEGER NOT NULL) STRICT`.execute(conn);
      const rows = await sql<{ version: number }>`SELECT version FROM schema_migration ORDER BY version`.execute(conn);
      const known = new Set(migrations.map((m) => m.version));
      const newest = migrations.at(-1)?.version ?? 0;
      const unknown = rows.rows.map((r) => r.version).filter((v) => !known.has(v));
      if (unknown.length > 0) {
        throw new AppError(
          'database_from_future',
          `This database was written by a newer Sessionguard (schema version ${Math.max(...unknown)}; this app knows up to ${newest}). Update Sessionguard to open it; it was not changed.`,
          {
            details: { databaseVersion: Math.max(...unknown), appVersion: newest },
          },
        );
      }
      const done = new Set(rows.rows.map((r) => r.version));
      const applied: number[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        await migration.up(conn);
        await sql`INSERT INTO schema_migration (version, name, appliedAt) VALUES (${migration.version}, ${migration.name}, ${now})`.execute(conn);
        applied.push(migration.version);
      }
      await sql`COMMIT`.execute(conn);
      return { applied };
    } catch (error) {
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (previous && m.version <= previous.version) throw new Error(`migration ${m.name} is out of order`);
  });
}
