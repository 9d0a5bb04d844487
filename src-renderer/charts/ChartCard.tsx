import { useId, useState, type ReactNode } from 'react';

export interface TableColumn<Row> {
  label: string;
  value(row: Row): string;
  numeric?: boolean;
}

interface Props<Row> {
  title: string;
  rows: Row[];
  empty: string;
  columns: TableColumn<Row>[];
  children: ReactNode;
}

/** A chart with a readable empty state and a table of the same numbers one click away. */
export function ChartCard<Row>({ title, rows, empty, columns, children }: Props<Row>) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <figure className="card chart" aria-labelledby={id} data-testid={`chart-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
      <div className="card-head">
        <figcaption id={id}>{title}</figcaption>
        {rows.length > 0 && (
          <button type="button" className="link" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
            {asTable ? 'Chart' : 'Table'}
          </button>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : asTable ? (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the fallback table shows the chart's points in their order; rows are never reordered or edited.
                <tr key={i}>
                  {columns.map((c) => (
                    <td key={c.label} className={c.numeric ? 'num' : undefined}>
                      {c.value(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="chart-body">{children}</div>
      )}
    </figure>
  );
}
