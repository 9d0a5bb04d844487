import { z } from 'zod';

/** How a CSV the app has no preset for maps onto fills or closed trades; saved by name. */
export const genericMapping = z
  .object({
    kind: z.enum(['fills', 'trades']),
    columns: z
      .object({
        time: z.string().min(1).max(100),
        symbol: z.string().min(1).max(100),
        side: z.string().max(100).optional(),
        quantity: z.string().max(100).optional(),
        price: z.string().max(100).optional(),
        fees: z.string().max(100).optional(),
        pnl: z.string().max(100).optional(),
        account: z.string().max(100).optional(),
        id: z.string().max(100).optional(),
      })
      .strict(),
    /** A token pattern such as MM/DD/YYYY HH:mm:ss, or auto. */
    dateFormat: z.string().min(1).max(40),
    decimalStyle: z.enum(['dot', 'comma', 'auto']),
    /** Multiplier for every row: a number, or futures to look it up by root symbol. */
    pointValue: z.string().max(20),
  })
  .strict();

export type GenericMapping = z.infer<typeof genericMapping>;

/**
 * How a file is read: a preset's id (the presets are listed by the core, `listImportPresets`),
 * `auto` to recognise it, or `generic` for a column mapping. An id no preset has is refused by
 * the core with a readable message.
 */
export const presetChoice = z.string().min(1).max(40).regex(/^[a-z][a-z0-9_]*$/, 'a format id');
