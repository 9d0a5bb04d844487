import type { PointValueUsed } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import { pointValueOverrides } from '../imports/import-repository.ts';
import { pointValueOf } from '../imports/point-values.ts';
import { findActiveProfile } from '../profiles/profile-repository.ts';
import type { ReadDb } from '../storage/tables.ts';
import type { ManualTradeEntry } from './trade-service.ts';

/**
 * The point value of a hand-entered trade in prices mode: the one typed, else the same
 * lookup imports and the feed use (the trader's table first, then the built-in one). An
 * unknown root is refused at the field, never multiplied by 1.
 */
export function manualPointValue(entry: ManualTradeEntry, overrides: Readonly<Record<string, string>>): PointValueUsed | null {
  if (entry.kind !== 'prices') return null;
  if (entry.pointValue !== undefined) return { value: entry.pointValue, root: null, from: 'entry' };
  const lookup = pointValueOf(entry.symbol, overrides);
  if (!lookup.ok) {
    const message = `No point value is known for ${entry.symbol.trim()}: type it here (1 for shares), or add its root under Settings → Futures point values.`;
    throw new AppError('validation', message, { field: 'pointValue', fieldErrors: [{ field: 'pointValue', code: 'unknown_point_value', message }] });
  }
  return { value: lookup.value, root: lookup.root, from: overrides[lookup.root] === undefined ? 'built_in' : 'yours' };
}

/** The entry with its point value filled in from the active profile's table, and where it came from. */
export async function withManualPointValue(db: ReadDb, entry: ManualTradeEntry): Promise<{ entry: ManualTradeEntry; pointValue: PointValueUsed | null }> {
  if (entry.kind !== 'prices' || entry.pointValue !== undefined) return { entry, pointValue: manualPointValue(entry, {}) };
  const profile = await findActiveProfile(db);
  const pointValue = manualPointValue(entry, profile ? await pointValueOverrides(db, profile.id) : {});
  return { entry: { ...entry, pointValue: pointValue!.value }, pointValue };
}

/** What `manualToInput` multiplies by; an entry that skipped the lookup above is refused, not taken as 1. */
export function requiredPointValue(entry: Extract<ManualTradeEntry, { kind: 'prices' }>): string {
  if (entry.pointValue !== undefined) return entry.pointValue;
  throw new AppError('validation', 'Type the point value.', {
    field: 'pointValue',
    fieldErrors: [{ field: 'pointValue', code: 'missing_point_value', message: 'Type the point value.' }],
  });
}
