const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats an exact decimal string as money. Intl.NumberFormat formats a string argument
 * without turning it into a float, so "-90.463462" is rounded for display only, here.
 */
export function formatMoney(amount: string, currency: string, options: { sign?: boolean } = {}): string {
  const key = `${currency}|${options.sign ? 'sign' : ''}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(undefined, { style: 'currency', currency, signDisplay: options.sign ? 'exceptZero' : 'auto' });
    formatters.set(key, formatter);
  }
  return formatter.format(amount as unknown as number);
}

/** The sign of a decimal string, read from its text. */
export function signOf(amount: string): -1 | 0 | 1 {
  if (/^-?0*(\.0*)?$/.test(amount)) return 0;
  return amount.startsWith('-') ? -1 : 1;
}

export function formatPercent(percent: string): string {
  return `${percent} %`;
}

/** Axis labels only: a chart coordinate, shown short ("-$2.5K"). */
export function compactMoney(value: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** "1 trade", "2 trades": a count with its noun, singular for one. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * Whether a typed amount is a plain non-negative decimal below a minimum, compared as text
 * (digits, not floats). Null when the text is not such an amount yet.
 */
export function isBelow(typed: string, minimum: string): boolean | null {
  const text = typed.trim().replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(text) || !/^\d+(\.\d+)?$/.test(minimum)) return null;
  const [ai = '', af = ''] = text.split('.');
  const [bi = '', bf = ''] = minimum.split('.');
  const width = Math.max(af.length, bf.length);
  const a = ai.replace(/^0+(?=\d)/, '') + af.padEnd(width, '0');
  const b = bi.replace(/^0+(?=\d)/, '') + bf.padEnd(width, '0');
  return a.length !== b.length ? a.length < b.length : a < b;
}
