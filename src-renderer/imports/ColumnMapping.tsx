import { useEffect, useState } from 'react';
import type { GenericMapping } from '../../src-main/contract/import-schemas.ts';
import type { SavedMapping } from '../../src-main/contract/views.ts';
import { call, errorData } from '../api/window-api.ts';

const DATE_FORMATS = ['auto', 'MM/DD/YYYY HH:mm:ss', 'M/D/YYYY h:mm:ss A', 'YYYY-MM-DD HH:mm:ss', 'DD.MM.YYYY HH:mm:ss', 'DD/MM/YYYY HH:mm:ss', 'ISO'];
export const EMPTY_MAPPING: GenericMapping = { kind: 'fills', columns: { time: '', symbol: '' }, dateFormat: 'auto', decimalStyle: 'auto', pointValue: '1' };

interface Props {
  /** The file's header row, offered for each field. */
  columns: string[];
  mapping: GenericMapping;
  onChange(update: (mapping: GenericMapping) => GenericMapping): void;
  onError(message: string): void;
}

/** How a CSV without a preset maps onto fills or closed trades; a mapping can be saved by name and chosen again. */
export function ColumnMapping({ columns, mapping, onChange, onError }: Props) {
  const [saved, setSaved] = useState<SavedMapping[]>([]);
  const [mappingName, setMappingName] = useState('');
  useEffect(() => {
    call('listMappings', {}).then(setSaved).catch(() => undefined);
  }, []);
  const setColumn = (key: keyof GenericMapping['columns']) => (value: string) => onChange((m) => ({ ...m, columns: { ...m.columns, [key]: value || undefined } as GenericMapping['columns'] }));
  const columnSelect = (key: keyof GenericMapping['columns'], label: string) => (
    <label key={key}>
      {label}
      <select value={mapping.columns[key] ?? ''} onChange={(e) => setColumn(key)(e.target.value)} data-testid={`map-${key}`}>
        <option value="">—</option>
        {columns.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    </label>
  );

  return (
    <fieldset className="mapping">
      <legend>Columns</legend>
      {saved.length > 0 && (
        <label>
          Saved mapping
          <select onChange={(e) => { const m = saved.find((s) => s.name === e.target.value); if (m) { onChange(() => m.mapping); setMappingName(m.name); } }} defaultValue="">
            <option value="">—</option>
            {saved.map((s) => (
              <option key={s.name}>{s.name}</option>
            ))}
          </select>
        </label>
      )}
      <label>
        Each row is
        <select value={mapping.kind} onChange={(e) => onChange((m) => ({ ...m, kind: e.target.value as GenericMapping['kind'] }))}>
          <option value="fills">a fill (matched first in, first out)</option>
          <option value="trades">a closed trade with its P&L</option>
        </select>
      </label>
      <div className="filters">
        {columnSelect('time', 'Time')}
        {columnSelect('symbol', 'Symbol')}
        {mapping.kind === 'fills' ? (
          <>
            {columnSelect('side', 'Side (or leave empty for signed quantity)')}
            {columnSelect('quantity', 'Quantity')}
            {columnSelect('price', 'Price')}
          </>
        ) : (
          columnSelect('pnl', 'P&L (net of fees)')
        )}
        {columnSelect('fees', 'Fees')}
        {columnSelect('account', 'Account')}
        {columnSelect('id', 'Execution id')}
      </div>
      <div className="filters">
        <label>
          Date format
          <select value={mapping.dateFormat} onChange={(e) => onChange((m) => ({ ...m, dateFormat: e.target.value }))}>
            {DATE_FORMATS.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </label>
        <label>
          Decimal mark
          <select value={mapping.decimalStyle} onChange={(e) => onChange((m) => ({ ...m, decimalStyle: e.target.value as GenericMapping['decimalStyle'] }))}>
            <option value="auto">Recognise</option>
            <option value="dot">1,234.56</option>
            <option value="comma">1.234,56</option>
          </select>
        </label>
        <label>
          Point value
          <input value={mapping.pointValue} onChange={(e) => onChange((m) => ({ ...m, pointValue: e.target.value }))} placeholder="1, or futures" />
        </label>
        <label>
          Save as
          <input value={mappingName} onChange={(e) => setMappingName(e.target.value)} placeholder="My broker" />
        </label>
        <button type="button" disabled={!mappingName.trim()} onClick={() => void call('saveMapping', { name: mappingName.trim(), mapping }).then(setSaved).catch((e: unknown) => onError(errorData(e).message))}>
          Save mapping
        </button>
      </div>
    </fieldset>
  );
}
