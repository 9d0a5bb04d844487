import { useEffect, useMemo, useRef, useState } from 'react';
import type { RequestOf } from '../../src-main/contract/channels.ts';
import type { ProfileView, TradeSource, TradesPage } from '../../src-main/contract/views.ts';
import { call } from '../api/window-api.ts';
import { Pager } from '../components/Pager.tsx';
import { SOURCE_LABELS, TradeTable } from '../components/TradeTable.tsx';
import { useStore } from '../state/store.ts';

const PAGE_SIZE = 50;
const SOURCES: TradeSource[] = ['manual', 'import', 'feed'];

/**
 * Every trade Sessionguard holds, in a session or not: an import of older fills, a trade that
 * arrived during a lockout. The ones no session holds are a group of their own.
 */
export function Trades({ profile }: { profile: ProfileView }) {
  const go = useStore((s) => s.go);
  const showError = useStore((s) => s.showError);
  // A trade recorded anywhere shows up here too: each one bumps this.
  const recorded = useStore((s) => s.tradesRecorded);
  const [source, setSource] = useState<TradeSource | ''>('');
  const [outside, setOutside] = useState(false);
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<TradesPage | null>(null);
  const shown = useRef(false);

  const request = useMemo<RequestOf<'listTrades'>>(
    () => ({ ...(source && { sources: [source] }), ...(outside && { session: 'none' as const }), page, pageSize: PAGE_SIZE }),
    [source, outside, page],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: `recorded` is not read, it is the signal to read the list again.
  useEffect(() => {
    let current = true;
    // A burst of recordings (a file, a feed delivery) reads the list once.
    const timer = setTimeout(
      () => {
        call('listTrades', request)
          .then((r) => {
            if (!current) return;
            shown.current = true;
            setResult(r);
          })
          .catch(showError);
      },
      shown.current ? 150 : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [request, recorded, showError]);

  return (
    <section className="trades" aria-labelledby="trades-title">
      <h1 id="trades-title">Trades</h1>
      {result && result.outsideSessions > 0 && (
        <div className="notice outside" data-testid="outside-sessions">
          <span>
            <strong>{result.outsideSessions}</strong> {result.outsideSessions === 1 ? 'trade is' : 'trades are'} outside any session: they closed when no
            session was running (an import of older trades, or during a lockout).
          </span>
          {!outside && (
            <button
              type="button"
              onClick={() => {
                setOutside(true);
                setPage(1);
              }}
            >
              Show them
            </button>
          )}
        </div>
      )}
      <form className="filters card" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Source
          <select
            value={source}
            onChange={(e) => {
              setSource(e.target.value as TradeSource | '');
              setPage(1);
            }}
            data-testid="trades-source"
          >
            <option value="">All</option>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {SOURCE_LABELS[s][0]!.toUpperCase() + SOURCE_LABELS[s].slice(1)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Session
          <select
            value={outside ? 'none' : ''}
            onChange={(e) => {
              setOutside(e.target.value === 'none');
              setPage(1);
            }}
            data-testid="trades-session"
          >
            <option value="">Any</option>
            <option value="none">Outside any session</option>
          </select>
        </label>
      </form>
      <div className="card">
        {result === null ? (
          <p className="muted">Loading…</p>
        ) : result.items.length === 0 ? (
          <p className="empty">No trades match these filters.</p>
        ) : (
          <TradeTable
            trades={result.items}
            currency={profile.currency}
            timeZone={profile.timeZone}
            caption="Trades, newest first"
            dates
            onOpenSession={(sessionId) => go({ name: 'detail', sessionId })}
          />
        )}
        {result && <Pager page={page} total={result.total} pageSize={result.pageSize} noun="trade" onPage={setPage} />}
      </div>
    </section>
  );
}
