import type { Storage } from '../storage/connection.ts';
import type { ProfileRow, ReadDb } from '../storage/tables.ts';
import { requireActiveProfile } from './profile-repository.ts';

/**
 * The active profile as last read, for the recording path: every trade needs it and it rarely
 * changes, so it is read again only when the storage says the profile or the setting naming it
 * changed (a Settings change, a balance applied, another profile chosen, a restore, a rollback).
 */
export class ActiveProfileCache {
  private readonly storage: Pick<Storage, 'changeCount'>;
  private row: ProfileRow | null = null;
  private readAt = -1;

  constructor(storage: Pick<Storage, 'changeCount'>) {
    this.storage = storage;
  }

  /** The active profile seen through `db` (the read handle or a write transaction), or the typed error before one exists. */
  async current(db: ReadDb): Promise<ProfileRow> {
    const version = this.version();
    if (this.row !== null && this.readAt === version) return this.row;
    const row = await requireActiveProfile(db);
    // Kept only if nothing changed while it was read.
    if (this.version() === version) {
      this.row = row;
      this.readAt = version;
    }
    return row;
  }

  private version(): number {
    return this.storage.changeCount('profile', 'setting');
  }
}
