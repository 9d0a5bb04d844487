import { dasTrades } from './das-trades.ts';
import { fidelityHistory } from './fidelity-history.ts';
import { ibkrActivityStatement } from './ibkr-activity-statement.ts';
import { ibkrFlexCsv, ibkrFlexXml } from './ibkr-flex.ts';
import { ibkrTransactionHistory } from './ibkr-transaction-history.ts';
import { krakenTrades } from './kraken-trades.ts';
import { metaTraderStatement } from './metatrader-statement.ts';
import { metaTrader5Report } from './metatrader5-report.ts';
import { ninjaTraderExecutions } from './ninjatrader-executions.ts';
import { ninjaTraderTrades } from './ninjatrader-trades.ts';
import { robinhoodActivity } from './robinhood-activity.ts';
import { schwabTransactions } from './schwab-transactions.ts';
import type { Confidence, Detection, ImportFile, PresetDefinition } from './preset-definition.ts';
import { tdAmeritradeTransactions } from './tdameritrade-transactions.ts';
import { tastytradeTransactions } from './tastytrade-transactions.ts';
import { thinkorswimStatement } from './thinkorswim-statement.ts';
import { topstepxOrders } from './topstepx-orders.ts';
import { topstepxTrades } from './topstepx-trades.ts';
import { tradezeroTrades } from './tradezero-trades.ts';
import { tradovateFills } from './tradovate-fills.ts';
import { tradovateOrders } from './tradovate-orders.ts';
import { tradovatePerformance } from './tradovate-performance.ts';
import { tradovatePositionHistory } from './tradovate-position-history.ts';
import { webullOrders } from './webull-orders.ts';

/** Every broker format the app reads by itself. A preset is added here and nowhere else. */
export const PRESET_DEFINITIONS: readonly PresetDefinition[] = [
  tradovateOrders,
  tradovateFills,
  tradovatePerformance,
  tradovatePositionHistory,
  ninjaTraderExecutions,
  ninjaTraderTrades,
  topstepxTrades,
  topstepxOrders,
  thinkorswimStatement,
  ibkrActivityStatement,
  ibkrTransactionHistory,
  ibkrFlexXml,
  ibkrFlexCsv,
  metaTraderStatement,
  metaTrader5Report,
  webullOrders,
  tradezeroTrades,
  dasTrades,
  schwabTransactions,
  tastytradeTransactions,
  fidelityHistory,
  robinhoodActivity,
  krakenTrades,
  tdAmeritradeTransactions,
];

const byId = new Map(PRESET_DEFINITIONS.map((p) => [p.id, p]));
if (byId.size !== PRESET_DEFINITIONS.length) throw new Error('two presets share an id');

export function presetById(id: string): PresetDefinition | undefined {
  return byId.get(id);
}

export interface Candidate extends Detection {
  preset: PresetDefinition;
}

const RANK: Record<Confidence, number> = { certain: 0, likely: 1, possible: 2 };

/** Every preset that might read the file, surest first. */
export function detectPresets(file: ImportFile): Candidate[] {
  const candidates: Candidate[] = [];
  for (const preset of PRESET_DEFINITIONS) {
    const detection = preset.detect(file);
    if (detection) candidates.push({ preset, ...detection });
  }
  return candidates.sort((a, b) => RANK[a.confidence] - RANK[b.confidence]);
}
