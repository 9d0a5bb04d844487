/** Money for sentences the main process writes (notifications, tray, event messages). */
export function formatMoney(amount: string, currency: string): string {
  try {
    // A string argument keeps the exact decimal (Intl.NumberFormat v3); no float on the way.
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, signDisplay: 'auto' }).format(amount as unknown as number);
  } catch {
    return `${amount} ${currency}`;
  }
}
