import { useState } from 'react';
import { call } from '../../api/window-api.ts';
import { count } from '../../format/money.ts';
import { useCardData } from './use-card-data.ts';

/** The futures point-value table: the built-in values, the trader's own, a search over both. */
export function PointValueSettings() {
  const { data: values, error, update } = useCardData(() => call('getPointValues', {}));
  const [root, setRoot] = useState('');
  const [value, setValue] = useState('');
  const [search, setSearch] = useState('');
  const save = async (r: string, v: string | null) => {
    if (await update(() => call('setPointValue', { root: r, value: v }))) {
      setRoot('');
      setValue('');
    }
  };
  if (!values) return error ? <p className="field-error">{error.message}</p> : null;
  const roots = [...new Set([...Object.keys(values.overrides), ...Object.keys(values.builtIn)])].sort();
  const wanted = search.trim().toUpperCase();
  const shown = wanted === '' ? roots : roots.filter((r) => r.includes(wanted));
  return (
    <section className="card narrow" aria-labelledby="points-title">
      <h2 id="points-title">Futures point values</h2>
      <p className="muted">
        Dollars per point, by root symbol (MNQM6 and MNQ MAR25 both use MNQ). Imports, the live feed and trades entered by price use this table, and refuse a
        contract whose root is not here.
      </p>
      <div className="row">
        <input aria-label="Root symbol" placeholder="MNQ" value={root} onChange={(e) => setRoot(e.target.value.toUpperCase())} />
        <input aria-label="Point value" placeholder="2" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
        <button type="button" disabled={!root || !value} onClick={() => void save(root, value)}>
          Set
        </button>
      </div>
      {error && <p className="field-error">{error.message}</p>}
      <div className="row search-row">
        <input
          type="search"
          aria-label="Search the table"
          placeholder="Search, e.g. ES or 6E"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="point-value-search"
        />
        <span className="muted" role="status">
          {wanted === '' ? count(roots.length, 'root') : `${shown.length} of ${roots.length}`}
        </span>
      </div>
      <div className="table-scroll">
        <table className="table" data-testid="point-value-table">
          <thead>
            <tr>
              <th scope="col">Root</th>
              <th scope="col" className="num">
                Point value
              </th>
              <th scope="col">
                <span className="sr-only">Reset</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r}>
                <td>{r}</td>
                <td className="num">
                  {values.overrides[r] ?? values.builtIn[r]} {values.overrides[r] !== undefined && <span className="muted">(yours)</span>}
                </td>
                <td>
                  {values.overrides[r] !== undefined && (
                    <button type="button" className="link" onClick={() => void save(r, null)}>
                      Reset
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <p className="empty">No root matches “{search.trim()}”: set its value above.</p>}
      </div>
    </section>
  );
}
