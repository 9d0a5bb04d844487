import { z } from 'zod';

/**
 * Building blocks for request schemas. Every string has a length cap so no payload is unbounded.
 * Messages are predicates that follow the field's name (see field-errors.ts).
 */
export const moneyInput = z
  .string()
  .max(32)
  .regex(/^-?\d{1,15}(\.\d{1,6})?$/, 'must be an amount like 1250.00 (digits, a dot, at most 6 decimals)');

export const isoInstant = z
  .string()
  .max(40)
  .refine(
    (text) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text)),
    'must be an ISO 8601 instant with a zone, e.g. 2026-03-02T14:30:00Z',
  );

export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const empty = z.object({}).strict();
export const shortText = (max: number) => z.string().max(max);
export const timeZone = z.string().min(1).max(64);
export const currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD');
export const decimalInput = z
  .string()
  .max(32)
  .regex(/^-?\d{1,15}(\.\d{1,10})?$/, 'must be a number like 1.5');
