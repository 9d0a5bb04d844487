import { createHash } from 'node:crypto';
import type { GenericMapping } from '../../contract/import-schemas.ts';
import { Decimal } from '../../money/money.ts';
import type { CsvRow } from '../csv-text.ts';
import { isBlank, occurrenceKeys } from '../csv-text.ts';
import { parseBrokerDate } from '../date-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { parseBrokerNumber } from '../money-text.ts';
import { Columns } from './header-spec.ts';
import { buildFill, type PresetContext } from './preset-context.ts';
import type { ImportFile } from './preset-definition.ts';

/**
 * Any CSV, read through the trader's mapping: either fills (matched FIFO like a preset) or
 * closed trades with their own P&L column. A side column, or a signed quantity, gives direction.
 */
export function readGeneric(file: ImportFile, mapping: GenericMapping, context: PresetContext): PresetOutput {
  const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
  const { columns } = mapping;
  const needed = mapping.kind === 'fills' ? [columns.time, columns.symbol, columns.quantity, columns.price] : [columns.time, columns.symbol, columns.pnl];
  const missingMapping = needed.filter((c) => !c);
  if (missingMapping.length > 0) return { ...out, problems: [{ line: 1, message: mapping.kind === 'fills' ? 'map the time, symbol, quantity and price columns' : 'map the time, symbol and P&L columns' }] };
  const header = file.head.find((row) => !isBlank(row));
  const index = new Columns(header?.cells ?? []);
  const missing = Object.values(columns).filter((c): c is string => Boolean(c) && !index.has(c!));
  if (missing.length > 0) return { ...out, problems: [{ line: header?.line ?? 1, message: `the file has no column ${missing.map((m) => `"${m}"`).join(', ')}` }] };
  const cell = (row: CsvRow, name: string | undefined) => (name ? index.cell(row, name) : '');
  const keyOf = occurrenceKeys();

  for (const row of file.rows()) {
    if (row.line <= (header?.line ?? 0) || isBlank(row)) continue;
    const key = keyOf(cell(row, columns.id) || row.cells.join('|'));
    if (mapping.kind === 'fills') {
      const quantityText = cell(row, columns.quantity);
      const side = columns.side ? cell(row, columns.side) : quantityText.trim().startsWith('-') ? 'sell' : 'buy';
      const built = buildFill(
        {
          line: row.line,
          sequence: row.line,
          account: cell(row, columns.account),
          symbol: cell(row, columns.symbol),
          side,
          quantity: quantityText,
          price: cell(row, columns.price),
          fees: cell(row, columns.fees),
          time: cell(row, columns.time),
          dateFormat: mapping.dateFormat,
          fillKey: `generic:${key}`,
          currency: null,
          pointValue: mapping.pointValue,
        },
        { ...context, decimalStyle: mapping.decimalStyle },
      );
      if ('fill' in built) out.fills.push(built.fill);
      else out.problems.push(built.problem);
      continue;
    }
    const pnl = parseBrokerNumber(cell(row, columns.pnl), mapping.decimalStyle);
    const fees = columns.fees && cell(row, columns.fees) !== '' ? parseBrokerNumber(cell(row, columns.fees), mapping.decimalStyle) : ({ ok: true, value: new Decimal(0) } as const);
    const time = parseBrokerDate(cell(row, columns.time), mapping.dateFormat, context.timeZone);
    if (!pnl.ok || !fees.ok || !time.ok) {
      out.problems.push({ line: row.line, message: [!pnl.ok && `P&L ${pnl.reason}`, !fees.ok && `fees ${fees.reason}`, !time.ok && time.reason].filter(Boolean).join('; ') });
      continue;
    }
    out.trades.push({
      lines: [row.line],
      account: cell(row, columns.account) || 'default',
      symbol: cell(row, columns.symbol).toUpperCase(),
      side: null,
      quantity: null,
      entryPrice: null,
      exitPrice: null,
      pointValue: null,
      openedAt: null,
      closedAt: time.value,
      grossPnl: pnl.value.plus(fees.value.abs()),
      fees: fees.value.abs(),
      netPnl: pnl.value,
      currency: null,
      externalId: createHash('sha256').update(`generic\u0000${key}`).digest('base64url').slice(0, 32),
    });
  }
  return out;
}
