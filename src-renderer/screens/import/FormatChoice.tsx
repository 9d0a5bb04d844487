import type { ImportFormatChoice, PresetCandidateView } from '../../../src-main/contract/views.ts';

const SURE = { certain: 'recognised', likely: 'probably', possible: 'perhaps' } as const;

/** No format alone is certain of the file: the ones that might read it, each with why, for the trader to pick. */
export function FormatChoice({
  choice,
  busy,
  onChoose,
  onMap,
}: {
  choice: ImportFormatChoice;
  busy: boolean;
  onChoose(candidate: PresetCandidateView): void;
  onMap(): void;
}) {
  return (
    <fieldset className="card" aria-labelledby="format-choice-title" data-testid="import-format-choice">
      <h2 id="format-choice-title">Which format is {choice.fileName}?</h2>
      <p>{choice.message}</p>
      <ul className="plain">
        {choice.candidates.map((c) => (
          <li key={`${c.preset}-${c.mappingName ?? ''}`}>
            <button
              type="button"
              disabled={busy}
              onClick={() => onChoose(c)}
              data-testid={`choose-format-${c.mappingName ? `mapping-${c.mappingName}` : c.preset}`}
            >
              Read as {c.label}
            </button>{' '}
            <span className="muted">
              ({SURE[c.confidence]}: {c.reason})
            </span>
          </li>
        ))}
        <li>
          <button type="button" disabled={busy} onClick={onMap} data-testid="choose-format-generic">
            Map its columns myself
          </button>
        </li>
      </ul>
    </fieldset>
  );
}
