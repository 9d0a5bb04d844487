import type { ImportPreview } from '../../../src-main/contract/views.ts';

/** What to look at before importing, and the positions the report shows as open (they are not trades). */
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
          {preview.openPositions.map((p) => `${p.symbol} ${p.quantity.startsWith('-') ? p.quantity : `+${p.quantity}`}${p.price ? ` @ ${p.price}` : ''} (line ${p.line})`).join('; ')}.
        </div>
      )}
    </>
  );
}
