import type { WatchPreset } from '../../src-main/contract/import-schemas.ts';

/** The ways a broker file can be read, as the trader chooses among them (import screen and watched folder). */
export const PRESET_CHOICES: Array<{ value: WatchPreset; label: string }> = [
  { value: 'auto', label: 'Recognise it for me' },
  { value: 'tradovate_orders', label: 'Tradovate Orders' },
  { value: 'ninjatrader_executions', label: 'NinjaTrader Executions' },
  { value: 'thinkorswim_statement', label: 'thinkorswim Account Statement' },
  { value: 'ibkr_activity_statement', label: 'Interactive Brokers Activity Statement' },
  { value: 'generic', label: 'Another CSV: map its columns' },
];
