import { isBlank, type CsvRow } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildFill } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

const SPEC: HeaderSpec = {
  format: 'TopstepX Orders',
  required: ['Id', 'AccountName', 'ContractName', 'Status', 'Size', 'Side', 'FilledAt', 'ExecutePrice', 'PositionDisposition'],
  optional: [
    'Type',
    'CreatedAt',
    'TradeDay',
    'CancelledAt',
    'TriggeredAt',
    'StopPrice',
    'LimitPrice',
    'TriggeredPrice',
    'CreationDisposition',
    'RejectionReason',
    'ExchangeOrderId',
    'PlatformOrderId',
  ],
};

type Cell = (row: CsvRow) => string;

/**
 * The TopstepX (ProjectX) Orders export: one row per order, the side as the book it took
 * (`Bid` buys, `Ask` sells), times with their UTC offset, and whether the order opened or
 * closed a position. Only filled orders are executions; the stop and target orders an entry
 * left behind are cancelled ones. The export carries no costs (the Trades export does).
 */
export const topstepxOrders: PresetDefinition = {
  id: 'topstepx_orders',
  label: 'TopstepX Orders',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a TopstepX Orders export: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const [id, account, contract, status, size, side, filledAt, price, disposition] = [
      'Id',
      'AccountName',
      'ContractName',
      'Status',
      'Size',
      'Side',
      'FilledAt',
      'ExecutePrice',
      'PositionDisposition',
    ].map((name) => columns.reader(name)) as [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];
    let skipped = 0;
    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      if (status(row).trim().toLowerCase() !== 'filled') {
        skipped += 1;
        continue;
      }
      const effect = disposition(row).trim().toLowerCase();
      const built = buildFill(
        {
          line: row.line,
          sequence: row.line,
          account: account(row).trim(),
          symbol: contract(row).trim(),
          side: side(row),
          quantity: size(row),
          price: price(row),
          fees: '',
          time: filledAt(row),
          dateFormat: 'auto',
          fillKey: `topstepx-order:${id(row).trim() || `line-${row.line}`}`,
          currency: null,
          pointValue: 'futures',
          effect: effect === 'opening' ? 'open' : effect === 'closing' ? 'close' : null,
        },
        context,
      );
      if ('fill' in built) out.fills.push(built.fill);
      else out.problems.push(built.problem);
    }
    if (skipped > 0) out.notes.push(`${skipped} orders that were not filled (cancelled stops and targets, rejected or working orders) were skipped.`);
    out.notes.push(
      'TopstepX order exports carry no fees; trades are imported without them. The Trades export of the same days has them: import one of the two, not both.',
    );
    return out;
  },
};
