import { z } from 'zod';
import { currency, decimalInput, isoInstant, moneyInput, shortText } from '../contract/schemas.ts';

/**
 * Feed v2: what a platform connector (the NinjaTrader 8 add-on, or any script) POSTs. Money,
 * prices and quantities are decimal strings, never JSON numbers; every string has a cap. The
 * README documents each call with an example that a test sends to the real server.
 */
const positive = (what: string) => decimalInput.refine((v) => !v.startsWith('-') && /[1-9]/.test(v), `${what} must be more than 0`);
const cost = (what: string) => moneyInput.refine((v) => !v.startsWith('-'), `${what} is a cost: send it as a positive amount`);
const name = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^\P{Cc}*$/u, 'text without control characters');

/** Who is sending: a short lowercase name such as "ninjatrader8". */
export const connectorSource = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'a short lowercase name such as ninjatrader8');

export const v2Account = z
  .object({
    id: name(64),
    kind: z.enum(['sim', 'live']),
    currency,
  })
  .strict();

export const v2Execution = z
  .object({
    executionId: name(128),
    orderId: name(128),
    account: v2Account,
    instrument: z
      .object({
        /** The contract as the platform names it ("MNQ 12-26"); FIFO matching is per account and symbol. */
        symbol: name(32),
        root: name(16),
        pointValue: positive('pointValue'),
        tickSize: positive('tickSize'),
      })
      .strict(),
    side: z.enum(['buy', 'sell']),
    quantity: positive('quantity'),
    price: positive('price'),
    time: z
      .object({
        utc: isoInstant,
        /** The time as the platform showed it, and its zone, for the audit; Sessionguard uses `utc`. */
        platform: shortText(40).optional(),
        zone: shortText(64).optional(),
      })
      .strict(),
    commission: cost('commission'),
    fees: cost('fees').optional(),
    /** The account's signed position in this instrument after the execution, as the platform saw it. */
    positionAfter: decimalInput.optional(),
    event: z.enum(['new', 'amend', 'remove']),
  })
  .strict();

export const v2ExecutionsBody = z
  .object({
    source: connectorSource,
    executions: z.array(v2Execution).min(1, 'send at least one execution').max(500),
  })
  .strict();

const signedMoney = moneyInput.nullable();

export const v2HeartbeatBody = z
  .object({
    source: connectorSource,
    version: name(32),
    platform: name(64),
    sentAt: isoInstant,
    accounts: z
      .array(
        v2Account.extend({
          realized: signedMoney,
          unrealized: signedMoney,
          equity: signedMoney,
          enforcement: z.boolean(),
        }),
      )
      .max(50),
    /** What the connector did to enforce the lock since its last acknowledged heartbeat. */
    actions: z
      .array(
        z
          .object({
            id: name(64),
            account: name(64),
            kind: z.enum(['flatten', 'cancel_orders', 'refuse_order']),
            at: isoInstant,
            detail: shortText(300),
          })
          .strict(),
      )
      .max(100)
      .optional(),
  })
  .strict();

export type V2Execution = z.infer<typeof v2Execution>;
export type V2ExecutionsBody = z.infer<typeof v2ExecutionsBody>;
export type V2HeartbeatBody = z.infer<typeof v2HeartbeatBody>;
export type V2Action = NonNullable<V2HeartbeatBody['actions']>[number];
