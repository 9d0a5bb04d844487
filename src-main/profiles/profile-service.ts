import type { FieldError } from '../contract/errors.ts';
import type { ProfileView } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import { Decimal, toMicros } from '../money/money.ts';
import { dayTotal } from '../sessions/ledger-context.ts';
import { dailyLimitReached } from '../sessions/session-ledger.ts';
import type { Storage } from '../storage/connection.ts';
import type { ProfileRow, ReadDb } from '../storage/tables.ts';
import type { Clock } from '../time/clock.ts';
import {
  findActiveProfile,
  findProfile,
  requireActiveProfile,
  insertProfile,
  listProfiles,
  rowToProfile,
  setActiveProfile,
  updateProfileRow,
} from './profile-repository.ts';

export interface ProfileFields {
  name: string;
  currency: string;
  balance: string;
  timeZone: string;
}

/** The local trader's profiles: one per trading account, one of them current. */
export class ProfileService {
  private readonly deps: { storage: Storage; clock: Clock };

  constructor(deps: { storage: Storage; clock: Clock }) {
    this.deps = deps;
  }

  async current(): Promise<ProfileView | null> {
    const row = await findActiveProfile(this.deps.storage.read);
    return row ? rowToProfile(row) : null;
  }

  async list(): Promise<ProfileView[]> {
    return (await listProfiles(this.deps.storage.read)).map(rowToProfile);
  }

  async create(fields: ProfileFields): Promise<ProfileView> {
    const valid = validateProfile(fields);
    return this.deps.storage.write(async (tx) => {
      const now = this.deps.clock.now();
      const row = await insertProfile(tx, valid as Required<typeof valid>, now);
      await setActiveProfile(tx, row.id, now);
      return rowToProfile(row);
    });
  }

  async update(changes: Partial<ProfileFields> & { applyPnlToBalance?: boolean; lockoutMinutes?: number | null } & DailyLimitFields): Promise<ProfileView> {
    const valid = validateProfile(changes, true);
    const daily = validateDailyLimit(changes);
    return this.deps.storage.write(async (tx) => {
      const current = await requireActiveProfile(tx);
      const now = this.deps.clock.now();
      await assertDailyLimitHolds(tx, current, daily, now);
      const { balance, ...rest } = valid;
      const row = await updateProfileRow(
        tx,
        current.id,
        { ...rest, ...(balance && { balance }), applyPnlToBalance: changes.applyPnlToBalance, lockoutMinutes: changes.lockoutMinutes, ...daily },
        now,
      );
      return rowToProfile(row);
    });
  }

  async select(profileId: number): Promise<ProfileView> {
    return this.deps.storage.write(async (tx) => {
      const row = await findProfile(tx, profileId);
      if (!row) throw new AppError('not_found', `Profile ${profileId} does not exist.`);
      await setActiveProfile(tx, row.id, this.deps.clock.now());
      return rowToProfile(row);
    });
  }
}

export interface DailyLimitFields {
  dailyLossLimit?: string | null;
  dayBoundary?: string;
  dayBoundaryZone?: string | null;
}

type DailyLimitChange = Partial<{ dailyLossLimit: Decimal | null; dayBoundaryMinutes: number; dayBoundaryZone: string | null }>;

function validateDailyLimit(fields: DailyLimitFields): DailyLimitChange {
  const errors: FieldError[] = [];
  const out: DailyLimitChange = {};
  if (fields.dailyLossLimit !== undefined) {
    const text = fields.dailyLossLimit;
    const amount = text === null ? null : /^\d{1,12}(\.\d{1,2})?$/.test(text) ? new Decimal(text) : undefined;
    if (amount === undefined || amount?.lessThanOrEqualTo(0))
      errors.push({
        field: 'dailyLossLimit',
        code: 'invalid_amount',
        message: 'Enter the daily loss limit as an amount above 0 with at most 2 decimals, e.g. 1500.00, or turn it off.',
      });
    else out.dailyLossLimit = amount;
  }
  if (fields.dayBoundary !== undefined) {
    const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(fields.dayBoundary);
    if (!match) errors.push({ field: 'dayBoundary', code: 'invalid_time', message: 'Enter when the trading day starts as HH:MM, e.g. 17:00.' });
    else out.dayBoundaryMinutes = Number(match[1]) * 60 + Number(match[2]);
  }
  if (fields.dayBoundaryZone !== undefined) {
    if (fields.dayBoundaryZone !== null && !isTimeZone(fields.dayBoundaryZone))
      errors.push({ field: 'dayBoundaryZone', code: 'invalid_time_zone', message: 'Choose a time zone such as America/Chicago.' });
    else out.dayBoundaryZone = fields.dayBoundaryZone;
  }
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => e.message).join(' '), { field: errors[0]!.field, fieldErrors: errors });
  return out;
}

/**
 * Once today's P&L has reached the daily loss limit, the limit holds until the next trading day:
 * it may be lowered, but not raised, removed, or moved to another day boundary today.
 */
async function assertDailyLimitHolds(db: ReadDb, profile: ProfileRow, change: DailyLimitChange, now: number): Promise<void> {
  if (profile.dailyLossLimit === null) return;
  const loosens =
    (change.dailyLossLimit !== undefined && (change.dailyLossLimit === null || toMicros(change.dailyLossLimit) > profile.dailyLossLimit)) ||
    (change.dayBoundaryMinutes !== undefined && change.dayBoundaryMinutes !== profile.dayBoundaryMinutes) ||
    (change.dayBoundaryZone !== undefined && change.dayBoundaryZone !== profile.dayBoundaryZone);
  if (!loosens) return;
  const { pnl } = await dayTotal(db, profile.id, now, { minutes: profile.dayBoundaryMinutes, timeZone: profile.dayBoundaryZone ?? profile.timeZone });
  if (!dailyLimitReached(BigInt(profile.dailyLossLimit), pnl)) return;
  throw new AppError(
    'daily_limit_reached',
    'Today’s P&L reached the daily loss limit: it can be lowered, but not raised, turned off or moved until the next trading day starts.',
    {
      field: 'dailyLossLimit',
      fieldErrors: [{ field: 'dailyLossLimit', code: 'daily_limit_reached', message: 'Reached today: it can only be lowered until the next trading day.' }],
    },
  );
}

/** SQLite ends a string's length at a NUL, so a name holding one would fail the table's check. */
const CONTROL_CHARACTER = /\p{Cc}/u;

/** Every problem at once, each at its field. With `partial`, absent fields are not checked. */

function validateProfile(fields: Partial<ProfileFields>, partial = false): { name?: string; currency?: string; balance?: Decimal; timeZone?: string } {
  const errors: FieldError[] = [];
  const out: { name?: string; currency?: string; balance?: Decimal; timeZone?: string } = {};
  if (fields.name !== undefined || !partial) {
    const name = (fields.name ?? '').trim();
    if (name.length === 0 || name.length > 80) errors.push({ field: 'name', code: 'invalid_name', message: 'Enter a name of 1 to 80 characters.' });
    else if (CONTROL_CHARACTER.test(name)) errors.push({ field: 'name', code: 'invalid_name', message: 'A name can’t contain control characters.' });
    else out.name = name;
  }
  if (fields.currency !== undefined || !partial) {
    const currency = fields.currency ?? '';
    if (!Intl.supportedValuesOf('currency').includes(currency))
      errors.push({ field: 'currency', code: 'invalid_currency', message: 'Choose a currency such as USD, EUR or GBP.' });
    else out.currency = currency;
  }
  if (fields.balance !== undefined || !partial) {
    const text = fields.balance ?? '';
    const balance = /^\d{1,12}(\.\d{1,2})?$/.test(text) ? new Decimal(text) : null;
    if (!balance)
      errors.push({
        field: 'balance',
        code: 'invalid_balance',
        message: 'Enter the account balance as a positive amount with at most 2 decimals, e.g. 25000.00.',
      });
    else out.balance = balance;
  }
  if (fields.timeZone !== undefined || !partial) {
    const zone = fields.timeZone ?? '';
    if (!isTimeZone(zone)) errors.push({ field: 'timeZone', code: 'invalid_time_zone', message: 'Choose a time zone such as America/New_York.' });
    else out.timeZone = zone;
  }
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => e.message).join(' '), { field: errors[0]!.field, fieldErrors: errors });
  return out;
}

function isTimeZone(zone: string): boolean {
  if (zone.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
