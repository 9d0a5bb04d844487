import { parseImport } from '../src-main/imports/parse-import.ts';
const FILLS = 100_000;
const lines = ['Time,Symbol,Side,Qty,Price,Fees,Account,Fill ID'];
let price = 21000;
const start = Date.parse('2026-03-02T00:00:00Z');
for (let i = 0; i < FILLS; i += 1) {
  price += ((i * 7919) % 9) - 4 + (i % 2 === 0 ? 0 : 0.25);
  const at = new Date(start + (i + 1) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  const side = (i >> 1) % 2 === 0 ? (i % 2 === 0 ? 'Buy' : 'Sell') : i % 2 === 0 ? 'Sell' : 'Buy';
  lines.push(`${at},MNQH6,${side},1,${price.toFixed(2)},0.62,${i % 4 < 2 ? 'SIM-A' : 'SIM-B'},f${i}`);
}
const bytes = new Uint8Array(Buffer.from(lines.join('\n') + '\n'));
const MAPPING = { kind: 'fills' as const, columns: { time: 'Time', symbol: 'Symbol', side: 'Side', quantity: 'Qty', price: 'Price', fees: 'Fees', account: 'Account', id: 'Fill ID' }, dateFormat: 'YYYY-MM-DD HH:mm:ss', decimalStyle: 'dot' as const, pointValue: 'futures' };
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  const p = parseImport({ bytes, preset: 'generic', mapping: MAPPING, timeZone: 'UTC' });
  const t1 = performance.now();
  console.log(`parse+match ${(t1 - t0).toFixed(0)} ms`, p.ok && p.trades.length);
}
