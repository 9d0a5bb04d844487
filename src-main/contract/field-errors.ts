import type { z } from 'zod';
import type { FieldError } from './errors.ts';

/** A payload can be wrong in thousands of places; the first few say enough. */
const MAX_FIELD_ERRORS = 20;

/**
 * What zod found wrong with a request, each problem at its field, as a sentence a trader or
 * the author of a script can read ("Fill 1 quantity must be more than 0."). The field keeps
 * the payload's own path (`fills.0.quantity`) and the code stays zod's, for programs.
 * The dispatcher (every IPC request) and the live feed (every POST) both answer with this.
 *
 * A schema's own message is a predicate that follows the field's name: "must be a number
 * like 1.5". Anything else zod says is replaced by words made here from the issue.
 */
export function fieldErrorsOf(error: z.ZodError, input: unknown, root: string): FieldError[] {
  return error.issues.slice(0, MAX_FIELD_ERRORS).map((issue) => ({
    field: issue.path.length === 0 ? root : issue.path.map(String).join('.'),
    code: issue.code,
    message: `${capitalize(fieldLabel(issue.path, root))} ${predicate(issue, valueAt(input, issue.path))}.`,
  }));
}

/** The sentence of the first problem, saying how many more there are. */
export function summaryOf(fieldErrors: readonly FieldError[]): string {
  const [first, ...rest] = fieldErrors;
  if (!first) return 'The request is not valid.';
  if (rest.length === 0) return first.message;
  return `${first.message} ${rest.length === 1 ? 'One more field is' : `${rest.length} more fields are`} wrong too.`;
}

type Issue = z.ZodError['issues'][number];

/** `fills.0.quantity` as "fill 1 quantity"; `lossLimit.amount` as "loss limit amount". */
function fieldLabel(path: readonly PropertyKey[], root: string): string {
  if (path.length === 0) return `the ${root}`;
  const words: string[] = [];
  for (const segment of path) {
    if (typeof segment === 'number') {
      const list = words.pop();
      words.push(`${list === undefined ? 'item' : singular(list)} ${segment + 1}`);
    } else {
      words.push(spaced(String(segment)));
    }
  }
  return words.join(' ');
}

function spaced(key: string): string {
  if (key === 'pnl') return 'P&L';
  const words = key
    .slice(0, 40)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.length > 0 ? words : 'field';
}

function singular(word: string): string {
  if (word.endsWith('ses')) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function ownPredicate(message: string): string | null {
  return /^(must|is|has|needs) /.test(message) ? message : null;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a JSON object',
  array: 'a list',
  null: 'null',
};

function predicate(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is required';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_big':
      return sizePredicate(issue.origin, 'most', Number(issue.maximum), issue.inclusive !== false);
    case 'too_small':
      return sizePredicate(issue.origin, 'least', Number(issue.minimum), issue.inclusive !== false);
    case 'invalid_format':
      return ownPredicate(issue.message) ?? (issue.format === 'regex' ? 'is not written the way it should be' : `must be a valid ${issue.format}`);
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${quoted(issue.values[0])}` : `must be one of ${issue.values.map(quoted).join(', ')}`;
    case 'invalid_union': {
      // An optional discriminator lists `undefined` among its options; leaving it out is not a value to name.
      const options = (issue as { options?: unknown[] }).options?.filter((option) => option !== undefined);
      return Array.isArray(options) && options.length > 0 ? `must be one of ${options.map(quoted).join(', ')}` : 'does not match any of the accepted forms';
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.slice(0, 5).map((key) => quoted(key.slice(0, 40)));
      const more = issue.keys.length > keys.length ? ` and ${issue.keys.length - keys.length} more` : '';
      return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} Sessionguard does not accept: ${keys.join(', ')}${more}`;
    }
    case 'custom':
      return ownPredicate(issue.message) ?? 'is not valid';
    default:
      return 'is not valid';
  }
}

function sizePredicate(origin: string, bound: 'most' | 'least', limit: number, inclusive: boolean): string {
  if (origin === 'string') return bound === 'least' && limit === 1 ? 'must not be empty' : `must be at ${bound} ${limit} characters long`;
  if (origin === 'array' || origin === 'set') return bound === 'least' && limit === 1 ? 'must not be empty' : `must have at ${bound} ${limit} items`;
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    if (inclusive) return `must be at ${bound} ${limit}`;
    return bound === 'most' ? `must be less than ${limit}` : `must be more than ${limit}`;
  }
  return bound === 'most' ? 'is too big' : 'is too small';
}

function quoted(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

/** The value the issue is about, to tell a missing field from a wrong one. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}
