/** One formatter per currency: building an `Intl.NumberFormat` costs tens of microseconds, using one well under one. */
const formatters = new Map<string, Intl.NumberFormat | null>();

/** Money for sentences the main process writes (notifications, tray, event messages). */
export function formatMoney(amount: string, currency: string): string {
  const formatter = formatterFor(currency);
  // A string argument keeps the exact decimal (Intl.NumberFormat v3); no float on the way.
  return formatter === null ? `${amount} ${currency}` : formatter.format(amount as unknown as number);
}

/** Null for a code Intl refuses (a made-up currency): such amounts are written with the code after them. */
function formatterFor(currency: string): Intl.NumberFormat | null {
  let formatter = formatters.get(currency);
  if (formatter === undefined) {
    try {
      formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency, signDisplay: 'auto' });
    } catch {
      formatter = null;
    }
    formatters.set(currency, formatter);
  }
  return formatter;
}
