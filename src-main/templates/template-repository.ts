import { z } from 'zod';
import type { SessionConfigView, TemplateView } from '../contract/views.ts';
import type { ReadDb, TemplateRow } from '../storage/tables.ts';
import { toIso } from '../time/clock.ts';
import { NO_RULES_INPUT } from '../sessions/session-rules.ts';

/** A template's setup as stored: the same shape setup sends, money as decimal strings. */
const storedConfig = z.object({
  durationMinutes: z.number().int(),
  lossLimit: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('percentage'), percentage: z.string() }),
    z.object({ kind: z.literal('amount'), amount: z.string() }),
  ]),
  rules: z
    .object({
      trailingDrawdown: z.object({ amount: z.string() }).nullable(),
      profitTarget: z.object({ amount: z.string(), lockGivebackPercent: z.number().int().nullable() }).nullable(),
      tradeCap: z.object({ trades: z.number().int() }).nullable(),
      losingStreak: z.object({ losses: z.number().int(), cooldownMinutes: z.number().int(), stop: z.boolean() }).nullable(),
      largestLoss: z.object({ amount: z.string() }).nullable(),
      coolOffMinutes: z.number().int(),
    })
    .partial()
    .default({}),
});

export function configOf(row: Pick<TemplateRow, 'config'>): SessionConfigView {
  const parsed = storedConfig.parse(JSON.parse(row.config));
  return { durationMinutes: parsed.durationMinutes, lossLimit: parsed.lossLimit, rules: { ...NO_RULES_INPUT, ...parsed.rules } };
}

export function rowToTemplate(row: TemplateRow): TemplateView {
  return { id: row.id, name: row.name, config: configOf(row), updatedAt: toIso(row.updatedAt) };
}

export async function listTemplateRows(db: ReadDb, userId: number): Promise<TemplateRow[]> {
  return db.selectFrom('session_template').selectAll().where('userId', '=', userId).orderBy('name').execute();
}

export async function findTemplate(db: ReadDb, userId: number, id: number): Promise<TemplateRow | undefined> {
  return db.selectFrom('session_template').selectAll().where('userId', '=', userId).where('id', '=', id).executeTakeFirst();
}
