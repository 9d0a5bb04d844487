import { useEffect, useState } from 'react';
import type { SessionConfigView, TemplateView } from '../../../src-main/contract/views.ts';
import { call, errorData } from '../../api/window-api.ts';

interface Props {
  /** What setup holds now, saved when the trader names it; null while the loss limit typed is not an amount. */
  current: SessionConfigView | null;
  onPick(config: SessionConfigView, name: string): void;
}

/** Start from a saved setup in one click, or save the one on screen by name. */
export function TemplatePicker({ current, onPick }: Props) {
  const [templates, setTemplates] = useState<TemplateView[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    call('listTemplates', {})
      .then(setTemplates)
      .catch((e: unknown) => setError(errorData(e).message));
  }, []);
  const save = async () => {
    if (!current) return;
    try {
      setTemplates(await call('saveTemplate', { name, config: current }));
      setSaved(name.trim());
      setName('');
      setError(null);
    } catch (e) {
      setError(errorData(e).message);
    }
  };
  return (
    <section className="card templates" aria-label="Templates">
      <h2>Templates</h2>
      {templates.length === 0 ? (
        <p className="muted">Save a setup by name below to start from it next time.</p>
      ) : (
        <div className="template-list">
          {templates.map((t) => (
            <button key={t.id} type="button" data-testid={`template-${t.name}`} onClick={() => onPick(t.config, t.name)}>
              {t.name}
            </button>
          ))}
        </div>
      )}
      <div className="row template-save">
        <input aria-label="Template name" placeholder="Name, e.g. NY open scalp" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
        <button
          type="button"
          disabled={name.trim().length === 0 || current === null}
          title={current === null ? 'Enter the loss limit as an amount first' : undefined}
          onClick={() => void save()}
        >
          Save as template
        </button>
      </div>
      {saved && <p role="status">Saved “{saved}”.</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
