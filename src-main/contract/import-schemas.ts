import { z } from 'zod';

const columnName = z.string().max(100);

/**
 * How a CSV the app has no preset for maps onto fills or closed trades; saved by name. Columns
 * are all optional here: which ones a mapping needs depends on its kind, and the core says what
 * is missing in the trader's words ("Choose the column that holds the close time").
 */
export const genericMapping = z
  .object({
    kind: z.enum(['fills', 'trades']),
    /** The line the column names are on; absent, the first row that reads as a header (after title rows, blank lines). */
    headerLine: z.number().int().min(1).max(100_000).optional(),
    /** The column names as they were when the mapping was saved: a file with the same header gets it offered again. */
    header: z.array(z.string().max(200)).max(500).optional(),
    columns: z
      .object({
        /** A fill's time; for closed trades, the close (exit) time. */
        time: columnName.optional(),
        /** Closed trades: the open (entry) time. */
        openTime: columnName.optional(),
        symbol: columnName.optional(),
        side: columnName.optional(),
        quantity: columnName.optional(),
        price: columnName.optional(),
        entryPrice: columnName.optional(),
        exitPrice: columnName.optional(),
        fees: columnName.optional(),
        pnl: columnName.optional(),
        account: columnName.optional(),
        id: columnName.optional(),
      })
      .strict(),
    /** Rows kept: every filter must hold (e.g. DataDiscriminator equals Order), so one level of a file is counted. */
    filters: z
      .array(z.object({ column: columnName.min(1), op: z.enum(['equals', 'not_equals']), value: z.string().max(200) }).strict())
      .max(10)
      .optional(),
    /** A token pattern such as M/D/YYYY H:mm, or auto. */
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
export const presetChoice = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'a format id');
