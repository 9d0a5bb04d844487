import { z } from 'zod';
import { decimalInput, isoInstant, moneyInput, shortText } from '../contract/schemas.ts';

const positive = decimalInput.refine((v) => !/^-/.test(v) && /[1-9]/.test(v), 'must be more than 0');

/** What a platform or script may POST to the live feed; documented in the README. */
export const feedTrade = z
  .object({
    externalId: z.string().trim().min(1).max(128),
    closedAt: isoInstant,
    pnl: moneyInput,
    fees: moneyInput.optional(),
    openedAt: isoInstant.optional(),
    account: shortText(64).optional(),
    symbol: shortText(32).optional(),
    side: z.enum(['long', 'short']).optional(),
    quantity: decimalInput.optional(),
    entryPrice: decimalInput.optional(),
    exitPrice: decimalInput.optional(),
    note: shortText(500).optional(),
  })
  .strict();

const fillFields = {
  externalId: z.string().trim().min(1).max(128),
  time: isoInstant,
  symbol: z.string().trim().min(1).max(32),
  side: z.enum(['buy', 'sell']),
  quantity: positive,
  price: positive,
  /** What the fill cost, as a positive amount. */
  fees: moneyInput.refine((v) => !/^-/.test(v), 'must be a positive amount: fees are a cost').optional(),
  account: shortText(64).optional(),
  /** Money per point per contract; without it, futures symbols use the point-value table. */
  pointValue: positive.optional(),
};

/**
 * One execution; the feed matches fills FIFO per account and symbol, like a broker file. Without
 * `event` (or `"new"`) it is a new fill; `"amend"` sends a fill already received again with its
 * corrected values (the whole fill, as for a new one); `"remove"` withdraws one and needs only its
 * `externalId` (the other fields may come along and are not used).
 */
export const feedFill = z.discriminatedUnion('event', [
  z.object({ ...fillFields, event: z.literal('new').optional() }).strict(),
  z.object({ ...fillFields, event: z.literal('amend') }).strict(),
  z.object({ ...z.object(fillFields).partial().shape, externalId: fillFields.externalId, event: z.literal('remove') }).strict(),
]);

export const feedBody = z
  .object({
    trades: z.array(feedTrade).max(1000).superRefine(uniqueIds('trade')).optional(),
    fills: z
      .array(feedFill)
      .max(1000)
      .superRefine(uniqueIds('fill', (fill) => fill.event === 'amend' || fill.event === 'remove'))
      .optional(),
  })
  .strict()
  .refine((body) => (body.trades?.length ?? 0) + (body.fills?.length ?? 0) > 0, { message: 'must hold at least one trade or fill' });

/**
 * An id repeated inside one request is refused: the second fill would be skipped as "already
 * received" while the first was matched, corrupting the open positions. A correction may follow
 * the fill it corrects (a platform that queued both while the app was closed sends them together).
 */
function uniqueIds<T extends { externalId: string }>(what: string, corrects: (item: T) => boolean = () => false) {
  return (items: readonly T[], ctx: z.RefinementCtx) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const first = seen.get(item.externalId);
      if (first === undefined) seen.set(item.externalId, index);
      else if (!corrects(item))
        ctx.addIssue({
          code: 'custom',
          path: [index, 'externalId'],
          message: `this ${what}'s externalId "${item.externalId.slice(0, 40)}" is also ${what} ${first + 1}'s: each ${what} in a request needs its own id`,
        });
    });
  };
}

export type FeedTrade = z.infer<typeof feedTrade>;
export type FeedFill = z.infer<typeof feedFill>;
export type NewFeedFill = Exclude<FeedFill, { event: 'remove' }>;
