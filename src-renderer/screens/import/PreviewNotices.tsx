import type { ImportPreview, ReconciliationView } from '../../../src-main/contract/views.ts';
import { formatMoney, signOf } from '../../format/money.ts';
import { useStore } from '../../state/store.ts';

/** What to look at before importing, the positions the report shows as open (they are not trades), and the platform's own totals beside ours. */
export function PreviewNotices({ preview }: { preview: ImportPreview }) {
  return (
    <>
      {preview.warnings.map((w) => (
        <div key={w} className="banner banner-warning" role="alert" data-testid="import-warning">
          {w}
        </div>
      ))}
      {preview.openPositions.length > 0 && (
        <div className="notice" data-testid="import-open-positions">
          Still open in the file, not imported as trades:{' '}
          {preview.openPositions
            .map((p) => `${p.symbol} ${p.quantity.startsWith('-') ? p.quantity : `+${p.quantity}`}${p.price ? ` @ ${p.price}` : ''} (line ${p.line})`)
            .join('; ')}
          .
        </div>
      )}
      {preview.reconciliation && <Reconciliation reconciliation={preview.reconciliation} />}
    </>
  );
}

function Reconciliation({ reconciliation }: { reconciliation: ReconciliationView }) {
  const currency = useStore((s) => s.bootstrap?.profile?.currency ?? 'USD');
  const money = (v: string) => formatMoney(v, currency, { sign: true });
  const ours = reconciliation.against === 'file' ? 'This file' : 'Recorded';
  return (
    <div className="table-scroll" data-testid="import-reconciliation">
      <p className={reconciliation.differences > 0 ? 'banner banner-warning' : 'muted'}>
        {reconciliation.differences > 0
          ? `The platform’s own totals differ from ours on ${reconciliation.differences} of ${reconciliation.rows.length} rows.`
          : 'The platform’s own totals agree with ours.'}
      </p>
      <table className="table">
        <caption className="sr-only">The platform’s totals beside ours</caption>
        <thead>
          <tr>
            <th>Account</th>
            <th>Day</th>
            <th>Platform’s figure</th>
            <th className="num">Platform</th>
            <th className="num">{ours}</th>
            <th className="num">Difference</th>
          </tr>
        </thead>
        <tbody>
          {reconciliation.rows.map((r) => (
            <tr key={`${r.account}|${r.day}|${r.label}`} className={signOf(r.difference) === 0 ? undefined : 'refused'}>
              <td>{r.account ?? 'All accounts'}</td>
              <td>{r.day ?? 'Whole file'}</td>
              <td>
                {r.label}
                {r.basis === 'gross' && ' (before fees)'}
              </td>
              <td className="num">{money(r.platform)}</td>
              <td className="num">{money(r.ours)}</td>
              <td className={`num pnl pnl-${signOf(r.difference)}`}>{money(r.difference)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
