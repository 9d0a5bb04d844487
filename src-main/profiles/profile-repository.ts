import type { ProfileView } from '../contract/views.ts';
import { fromMicros, microsToMoneyString, toMicros, type Decimal } from '../money/money.ts';
import type { ProfileRow, ReadDb, WriteTx } from '../storage/tables.ts';
import { sql } from 'kysely';
import { writeSetting } from '../settings/settings-repository.ts';
import { AppError } from '../errors/app-error.ts';
import { clockText } from '../sessions/stored-rules.ts';
import { compiledOnce } from '../storage/compiled-once.ts';

const ACTIVE_PROFILE = 'activeProfileId';

export function rowToProfile(row: ProfileRow): ProfileView {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    balance: microsToMoneyString(row.balance),
    timeZone: row.timeZone,
    applyPnlToBalance: row.applyPnlToBalance === 1,
    lockoutMinutes: row.lockoutMinutes,
    dailyLossLimit: row.dailyLossLimit === null ? null : microsToMoneyString(row.dailyLossLimit),
    dayBoundary: clockText(row.dayBoundaryMinutes),
    dayBoundaryZone: row.dayBoundaryZone,
  };
}

export function profileBalance(row: ProfileRow): Decimal {
  return fromMicros(row.balance);
}

export async function findProfile(db: ReadDb, id: number): Promise<ProfileRow | undefined> {
  return (await profileById(db, id))[0];
}

// Every session that ends reads its profile: compiled once.
const profileById = compiledOnce(
  (db, id: number) => db.selectFrom('profile').selectAll().where('id', '=', id),
  (id) => [id],
);

export async function listProfiles(db: ReadDb): Promise<ProfileRow[]> {
  return db.selectFrom('profile').selectAll().orderBy('id').execute();
}

/**
 * The profile the app acts for: the one chosen last, else the first one created. One query,
 * since every recording starts with it.
 */
export async function findActiveProfile(db: ReadDb): Promise<ProfileRow | undefined> {
  return (await activeProfile(db))[0];
}

// Every history page, session change and view of the open session asks first: compiled once.
// Picked by `id = coalesce(chosen, first)`, not by ORDER BY ... LIMIT: SQLite compiled that form
// again at every run (30 µs against 8, and more on the breach path, which reads the profile
// again once its balance has changed).
const activeProfile = compiledOnce(
  (db) => {
    const chosen = db.selectFrom('setting').select(sql<number>`json_extract("value", '$')`.as('id')).where('key', '=', ACTIVE_PROFILE);
    const chosenProfile = db.selectFrom('profile').select('id').where('id', '=', chosen);
    const first = db.selectFrom('profile').select((eb) => eb.fn.min('id').as('id'));
    return db.selectFrom('profile').selectAll().where('id', '=', sql<number>`coalesce((${chosenProfile}), (${first}))`);
  },
  () => [ACTIVE_PROFILE],
);

export async function setActiveProfile(tx: WriteTx, id: number, now: number): Promise<void> {
  await writeSetting(tx, ACTIVE_PROFILE, id, now);
}

export async function insertProfile(
  tx: WriteTx,
  values: { name: string; currency: string; balance: Decimal; timeZone: string },
  now: number,
): Promise<ProfileRow> {
  return tx
    .insertInto('profile')
    .values({
      name: values.name,
      currency: values.currency,
      balance: toMicros(values.balance),
      timeZone: values.timeZone,
      applyPnlToBalance: 1,
      lockoutMinutes: null,
      dailyLossLimit: null,
      dayBoundaryZone: null,
      createdAt: now,
      updatedAt: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateProfileRow(
  tx: WriteTx,
  id: number,
  changes: Partial<{
    name: string;
    currency: string;
    balance: Decimal;
    timeZone: string;
    applyPnlToBalance: boolean;
    lockoutMinutes: number | null;
    dailyLossLimit: Decimal | null;
    dayBoundaryMinutes: number;
    dayBoundaryZone: string | null;
  }>,
  now: number,
): Promise<ProfileRow> {
  return tx
    .updateTable('profile')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.currency !== undefined && { currency: changes.currency }),
      ...(changes.balance !== undefined && { balance: toMicros(changes.balance) }),
      ...(changes.timeZone !== undefined && { timeZone: changes.timeZone }),
      ...(changes.applyPnlToBalance !== undefined && { applyPnlToBalance: changes.applyPnlToBalance ? 1 : 0 }),
      ...(changes.lockoutMinutes !== undefined && { lockoutMinutes: changes.lockoutMinutes }),
      ...(changes.dailyLossLimit !== undefined && { dailyLossLimit: changes.dailyLossLimit === null ? null : toMicros(changes.dailyLossLimit) }),
      ...(changes.dayBoundaryMinutes !== undefined && { dayBoundaryMinutes: changes.dayBoundaryMinutes }),
      ...(changes.dayBoundaryZone !== undefined && { dayBoundaryZone: changes.dayBoundaryZone }),
      updatedAt: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The current profile, or the typed error every area gives before one exists. */
export async function requireActiveProfile(db: ReadDb): Promise<ProfileRow> {
  const profile = await findActiveProfile(db);
  if (!profile) throw new AppError('no_profile', 'Create a profile first.');
  return profile;
}
