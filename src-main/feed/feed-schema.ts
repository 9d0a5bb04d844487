import { z } from 'zod';
import { decimalInput, isoInstant, moneyInput, shortText } from '../contract/schemas.ts';

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

export const feedTradesBody = z.object({ trades: z.array(feedTrade).min(1).max(1000) }).strict();

export type FeedTrade = z.infer<typeof feedTrade>;
