import type { GenericMapping } from '../../../src-main/contract/import-schemas.ts';
import type { ImportFileHead, SavedMapping } from '../../../src-main/contract/views.ts';
import { errorFor, Field } from '../../components/Field.tsx';

type Role = keyof GenericMapping['columns'];
type FieldErrors = Array<{ field: string; message: string }> | undefined;

export const EMPTY_MAPPING: GenericMapping = { kind: 'fills', columns: {}, dateFormat: 'auto', decimalStyle: 'auto', pointValue: 'futures' };
const DATE_PATTERNS = [
  'auto',
  'M/D/YYYY H:mm:ss',
  'M/D/YYYY h:mm:ss A',
  'M/D/YYYY H:mm',
  'MM/DD/YYYY HH:mm:ss',
  'YYYY-MM-DD HH:mm:ss',
  'D.M.YYYY H:mm:ss',
  'D/M/YYYY H:mm',
  'YYYY.MM.DD HH:mm:ss',
  'ISO',
];

const FILL_COLUMNS: Array<[Role, string]> = [
  ['time', 'Time'],
  ['symbol', 'Symbol'],
  ['side', 'Side (leave empty for a signed quantity)'],
  ['quantity', 'Quantity'],
  ['price', 'Price'],
  ['fees', 'Fees'],
  ['account', 'Account'],
  ['id', 'Execution id'],
];
const TRADE_COLUMNS: Array<[Role, string]> = [
  ['openTime', 'Open time'],
  ['time', 'Close time'],
  ['symbol', 'Symbol'],
  ['side', 'Side (long or short)'],
  ['quantity', 'Quantity'],
  ['entryPrice', 'Entry price'],
  ['exitPrice', 'Exit price'],
  ['pnl', 'P&L (net of fees)'],
  ['fees', 'Fees'],
  ['account', 'Account'],
  ['id', 'Trade id'],
];

interface Props {
  head: ImportFileHead | null;
  mapping: GenericMapping;
  onChange(mapping: GenericMapping): void;
  saved: SavedMapping[];
  name: string;
  onName(name: string): void;
  onSave(): void;
  fieldErrors: FieldErrors;
}

/**
 * The trader's own reading of a CSV no preset knows: the columns as the core found them (the
 * header line it chose, or another), what each row is, which rows to keep, and how dates and
 * numbers are written. Saved by name with the file's header, so the same export is recognised.
 */
export function MappingEditor({ head, mapping, onChange, saved, name, onName, onSave, fieldErrors }: Props) {
  const columns = head?.columns ?? [];
  const set = (patch: Partial<GenericMapping>) => onChange({ ...mapping, ...patch });
  const setColumn = (role: Role, value: string) => set({ columns: { ...mapping.columns, [role]: value || undefined } });
  const filters = mapping.filters ?? [];
  const setFilter = (i: number, patch: Partial<NonNullable<GenericMapping['filters']>[number]>) =>
    set({ filters: filters.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  const columnSelect = (role: Role, label: string) => (
    <Field key={role} label={label} error={errorFor(fieldErrors, `mapping.columns.${role}`)}>
      {(p) => (
        <select {...p} value={mapping.columns[role] ?? ''} onChange={(e) => setColumn(role, e.target.value)} data-testid={`map-${role}`}>
          <option value="">—</option>
          {columns.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <fieldset className="mapping" data-testid="mapping-editor">
      <legend>Columns</legend>
      <p className="muted" data-testid="mapping-header">
        {head?.headerLine
          ? `Column names read from line ${head.headerLine}${mapping.headerLine ? ' (chosen)' : ''}: ${columns.join(', ')}`
          : 'No row of this file reads as column names: type the line they are on.'}
      </p>
      <div className="filters">
        {saved.length > 0 && (
          <label>
            Saved mapping
            <select
              defaultValue=""
              onChange={(e) => {
                const m = saved.find((s) => s.name === e.target.value);
                if (m) {
                  onChange(m.mapping);
                  onName(m.name);
                }
              }}
            >
              <option value="">—</option>
              {saved.map((s) => (
                <option key={s.name}>{s.name}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          Column names on line
          <input
            type="number"
            min={1}
            value={mapping.headerLine ?? ''}
            placeholder={String(head?.headerLine ?? '')}
            onChange={(e) => set({ headerLine: e.target.value ? Number(e.target.value) : undefined })}
            data-testid="map-header-line"
          />
        </label>
        <label>
          Each row is
          <select value={mapping.kind} onChange={(e) => set({ kind: e.target.value as GenericMapping['kind'] })} data-testid="map-kind">
            <option value="fills">a fill (matched first in, first out)</option>
            <option value="trades">a closed trade with its P&L</option>
          </select>
        </label>
      </div>
      <div className="filters">{(mapping.kind === 'fills' ? FILL_COLUMNS : TRADE_COLUMNS).map(([role, label]) => columnSelect(role, label))}</div>
      <div className="filters" data-testid="map-filters">
        {filters.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a filter has no identity but its place in the mapping (its test ids and error paths are by place too), and every input in it is controlled.
          <div key={i} className="row">
            <label>
              Keep rows where
              <select value={f.column} onChange={(e) => setFilter(i, { column: e.target.value })} data-testid={`map-filter-column-${i}`}>
                {columns.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </label>
            <select
              aria-label="comparison"
              value={f.op}
              onChange={(e) => setFilter(i, { op: e.target.value as 'equals' | 'not_equals' })}
              data-testid={`map-filter-op-${i}`}
            >
              <option value="equals">is</option>
              <option value="not_equals">is not</option>
            </select>
            <Field label="Value" error={errorFor(fieldErrors, `mapping.filters.${i}.value`)}>
              {(p) => <input {...p} value={f.value} onChange={(e) => setFilter(i, { value: e.target.value })} data-testid={`map-filter-value-${i}`} />}
            </Field>
            <button type="button" onClick={() => set({ filters: filters.filter((_, j) => j !== i) })}>
              Remove
            </button>
          </div>
        ))}
        {columns.length > 0 && filters.length < 10 && (
          <button type="button" onClick={() => set({ filters: [...filters, { column: columns[0]!, op: 'equals', value: '' }] })} data-testid="map-add-filter">
            Keep only some rows…
          </button>
        )}
      </div>
      <div className="filters">
        <Field
          label="Dates are written as"
          error={errorFor(fieldErrors, 'mapping.dateFormat')}
          hint="A pattern such as M/D/YYYY H:mm; a zone (EST, CET, -05:00) in the text is used"
        >
          {(p) => (
            <>
              <input
                {...p}
                list="date-patterns"
                value={mapping.dateFormat}
                onChange={(e) => set({ dateFormat: e.target.value || 'auto' })}
                data-testid="map-date-format"
              />
              <datalist id="date-patterns">
                {DATE_PATTERNS.map((f) => (
                  <option key={f} value={f} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <label>
          Decimal mark
          <select value={mapping.decimalStyle} onChange={(e) => set({ decimalStyle: e.target.value as GenericMapping['decimalStyle'] })}>
            <option value="auto">Recognise</option>
            <option value="dot">1,234.56</option>
            <option value="comma">1.234,56</option>
          </select>
        </label>
        <Field label="Point value" error={errorFor(fieldErrors, 'mapping.pointValue')} hint="“futures” looks each contract up; 1 for shares, 100 for options">
          {(p) => <input {...p} value={mapping.pointValue} onChange={(e) => set({ pointValue: e.target.value })} data-testid="map-point-value" />}
        </Field>
        <label>
          Save as
          <input value={name} onChange={(e) => onName(e.target.value)} placeholder="My broker" data-testid="map-name" />
        </label>
        <button type="button" disabled={!name.trim()} onClick={onSave} data-testid="map-save">
          Save mapping
        </button>
      </div>
      {head && head.sample.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="mapping-sample">
            <caption className="sr-only">The first rows of the file</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {head.sample.map((row, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the file's first rows, in file order and never reordered: a row's place is its line.
                <tr key={i}>
                  {row.slice(0, Math.max(columns.length, 1)).map((cell, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a cell's place is its column (names may repeat in a header).
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </fieldset>
  );
}
