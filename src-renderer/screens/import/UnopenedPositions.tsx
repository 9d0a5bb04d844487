import { useState } from 'react';
import type { ImportPreview, ImportUnopenedView } from '../../../src-main/contract/views.ts';
import { formatInstant } from '../../format/time.ts';

export type OpeningPrice = { line: number; price: string };

const PRICE = /^\d{1,15}(\.\d{1,10})?$/;

const closes = (u: ImportUnopenedView) => (u.side === 'sell' ? 'Sell' : u.side === 'buy' ? 'Buy to close' : 'Expired or assigned');

/**
 * Closes the file makes of positions it never opens (opened before the export window, or in a
 * file not imported yet): listed by line, left out of the P&L, never counted as shorts. The
 * trader either imports the earlier history first, or enters what each was opened at; entered
 * prices are sent with the next preview, which shows them as trades.
 */
export function UnopenedPositions({ preview, timeZone, busy, onApply }: { preview: ImportPreview; timeZone: string; busy: boolean; onApply(prices: OpeningPrice[]): void }) {
  const [entered, setEntered] = useState<Record<number, string>>(() => Object.fromEntries(preview.openingPrices.map((p) => [p.line, p.price])));
  const [touched, setTouched] = useState(false);
  if (preview.unopened.length === 0 && preview.openingPrices.length === 0) return null;

  const typed = Object.entries(entered).filter(([, price]) => price.trim() !== '');
  const invalid = new Set(typed.filter(([, price]) => !PRICE.test(price.trim())).map(([line]) => Number(line)));
  const apply = () => {
    setTouched(true);
    if (invalid.size > 0) return;
    onApply(typed.map(([line, price]) => ({ line: Number(line), price: price.trim() })));
  };
  const priced = preview.openingPrices.filter((p) => !preview.unopened.some((u) => u.line === p.line));

  return (
    <div className="problems" data-testid="import-unopened">
      {preview.unopened.length > 0 && (
        <>
          <h3>
            {preview.unopened.length} {preview.unopened.length === 1 ? 'close has' : 'closes have'} no known opening position
          </h3>
          <p className="muted">
            This file closes {preview.unopened.length === 1 ? 'a position' : 'positions'} it doesn’t open, and no earlier import left open: left out of the P&L, and not counted as
            shorts. Import the earlier history first and then this file again, or enter the price each position was opened at.
          </p>
          <div className="table-scroll">
            <table className="table">
              <caption className="sr-only">Closes with no known opening position</caption>
              <thead>
                <tr>
                  <th className="num">Line</th>
                  <th>Closed</th>
                  <th>Account</th>
                  <th>Symbol</th>
                  <th>Close</th>
                  <th className="num">Qty</th>
                  <th className="num">Price</th>
                  <th>Opened at</th>
                </tr>
              </thead>
              <tbody>
                {preview.unopened.map((u) => (
                  <tr key={u.line} data-testid={`unopened-${u.line}`}>
                    <td className="num">{u.line}</td>
                    <td>{formatInstant(u.time, timeZone)}</td>
                    <td>{u.account}</td>
                    <td>{u.symbol}</td>
                    <td>{closes(u)}</td>
                    <td className="num">{u.quantity}</td>
                    <td className="num">{u.price}</td>
                    <td>
                      {u.side === null ? (
                        <span className="muted">import the earlier history</span>
                      ) : (
                        <>
                          <input
                            inputMode="decimal"
                            aria-label={`Opening price for line ${u.line}`}
                            aria-invalid={touched && invalid.has(u.line)}
                            value={entered[u.line] ?? ''}
                            placeholder="price"
                            onChange={(e) => setEntered((all) => ({ ...all, [u.line]: e.target.value }))}
                          />
                          {touched && invalid.has(u.line) && <span className="field-error">Enter a price like 12.50</span>}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {priced.length > 0 && (
        <p className="muted" data-testid="import-opening-prices">
          Opening prices you entered (now trades below): {priced.map((p) => `line ${p.line} at ${p.price}`).join(', ')}.
        </p>
      )}
      <div className="actions">
        {priced.length > 0 && (
          <button type="button" disabled={busy} onClick={() => onApply([])}>
            Clear entered prices
          </button>
        )}
        {preview.unopened.some((u) => u.side !== null) && (
          <button type="button" disabled={busy || typed.length === 0} onClick={apply}>
            Use these opening prices
          </button>
        )}
      </div>
    </div>
  );
}
