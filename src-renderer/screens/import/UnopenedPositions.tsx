import { useState } from 'react';
import type { ImportPreview, ImportUnopenedView } from '../../../src-main/contract/views.ts';
import { formatInstant } from '../../format/time.ts';

export type OpeningPrice = { line: number; price: string };
/** The trader's answers for closes with no known opening position, sent with the next preview. */
export interface OpeningAnswers {
  openingPrices: OpeningPrice[];
  shortLines: number[];
}
export const NO_ANSWERS: OpeningAnswers = { openingPrices: [], shortLines: [] };

const PRICE = /^\d{1,15}(\.\d{1,10})?$/;

const closes = (u: ImportUnopenedView) => (u.side === 'sell' ? 'Sell' : u.side === 'buy' ? 'Buy to close' : 'Expired or assigned');

/**
 * Closes the file makes of positions it never opens (opened before the export window, or in a
 * file not imported yet): listed by line, left out of the P&L, never counted as shorts. The
 * trader either imports the earlier history first, or enters what each was opened at, or says
 * a sale opened a short (a sale to open the file didn't mark); the answers are sent with the
 * next preview, which shows what they make.
 */
export function UnopenedPositions({
  preview,
  timeZone,
  busy,
  onApply,
}: {
  preview: ImportPreview;
  timeZone: string;
  busy: boolean;
  onApply(answers: OpeningAnswers): void;
}) {
  const [entered, setEntered] = useState<Record<number, string>>(() => Object.fromEntries(preview.openingPrices.map((p) => [p.line, p.price])));
  const [shorts, setShorts] = useState<ReadonlySet<number>>(() => new Set(preview.shortLines));
  const [touched, setTouched] = useState(false);
  if (preview.unopened.length === 0 && preview.openingPrices.length === 0 && preview.shortLines.length === 0) return null;

  const typed = Object.entries(entered).filter(([line, price]) => price.trim() !== '' && !shorts.has(Number(line)));
  const invalid = new Set(typed.filter(([, price]) => !PRICE.test(price.trim())).map(([line]) => Number(line)));
  const apply = () => {
    setTouched(true);
    if (invalid.size > 0) return;
    onApply({ openingPrices: typed.map(([line, price]) => ({ line: Number(line), price: price.trim() })), shortLines: [...shorts] });
  };
  const toggleShort = (line: number) =>
    setShorts((all) => {
      const next = new Set(all);
      if (!next.delete(line)) next.add(line);
      return next;
    });
  const priced = preview.openingPrices.filter((p) => !preview.unopened.some((u) => u.line === p.line));
  const answered = priced.length > 0 || preview.shortLines.length > 0;

  return (
    <div className="problems" data-testid="import-unopened">
      {preview.unopened.length > 0 && (
        <>
          <h3>
            {preview.unopened.length} {preview.unopened.length === 1 ? 'close has' : 'closes have'} no known opening position
          </h3>
          <p className="muted">
            This file closes {preview.unopened.length === 1 ? 'a position' : 'positions'} it doesn’t open, and no earlier import left open: left out of the P&L,
            and not counted as shorts. Import the earlier history first and then this file again, or enter the price each position was opened at, or, for a sale
            that opened a short, say so.
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
                            disabled={shorts.has(u.line)}
                            onChange={(e) => setEntered((all) => ({ ...all, [u.line]: e.target.value }))}
                          />
                          {touched && invalid.has(u.line) && <span className="field-error">Enter a price like 12.50</span>}
                          {u.side === 'sell' && (
                            <label>
                              <input type="checkbox" checked={shorts.has(u.line)} onChange={() => toggleShort(u.line)} /> it opened a short
                            </label>
                          )}
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
      {answered && (
        <p className="muted" data-testid="import-opening-prices">
          {priced.length > 0 && `Opening prices you entered (now trades below): ${priced.map((p) => `line ${p.line} at ${p.price}`).join(', ')}. `}
          {preview.shortLines.length > 0 && `Sales you said opened a short: ${preview.shortLines.map((line) => `line ${line}`).join(', ')}.`}
        </p>
      )}
      <div className="actions">
        {answered && (
          <button type="button" disabled={busy} onClick={() => onApply(NO_ANSWERS)}>
            Clear your answers
          </button>
        )}
        {preview.unopened.some((u) => u.side !== null) && (
          <button type="button" disabled={busy || (typed.length === 0 && shorts.size === 0)} onClick={apply}>
            Use these answers
          </button>
        )}
      </div>
    </div>
  );
}
