import { useRef, useState } from 'react';
import { call, errorData } from '../../api/window-api.ts';
import { Field } from '../../components/Field.tsx';
import { useCardData } from './use-card-data.ts';

/** Copies text: the clipboard API where the page may use it, else the selected field. */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return document.execCommand?.('copy') ?? false;
  }
}

/**
 * The live feed: on or off, where it listens, and the token platforms send. The token is asked
 * for only when the trader shows or copies it: the card's normal view never carries it.
 */
export function FeedSettings() {
  const { data: feed, error, update } = useCardData(() => call('getFeedSettings', {}));
  const [token, setToken] = useState<string | null>(null);
  const [revealError, setRevealError] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const tokenField = useRef<HTMLInputElement>(null);
  if (!feed) return error ? <p className="field-error">{error.message}</p> : null;
  const reveal = async (): Promise<string | null> => {
    try {
      const shown = (await call('revealFeedToken', {})).token;
      setToken(shown);
      setRevealError(null);
      return shown;
    } catch (e) {
      setRevealError(errorData(e).message);
      return null;
    }
  };
  const copy = async () => {
    const shown = token ?? (await reveal());
    if (shown !== null) setCopied(await copyText(shown, tokenField.current));
  };
  const renew = async () => {
    if (await update(() => call('regenerateFeedToken', {}))) {
      setToken(null);
      setCopied(null);
    }
  };
  const problem = revealError ?? error?.message ?? null;
  return (
    <section className="card narrow" aria-labelledby="feed-title">
      <h2 id="feed-title">Live feed</h2>
      <p className="muted">Trading platforms and scripts on this computer can send closed trades to Sessionguard as they happen.</p>
      <label className="check">
        <input type="checkbox" checked={feed.enabled} onChange={(e) => void update(() => call('updateFeedSettings', { enabled: e.target.checked }))} />
        Accept trades at <code>{feed.url}</code> {feed.running && <span className="status status-active">running</span>}
      </label>
      <Field label="Bearer token">
        {(p) => (
          <div className="input-with-button">
            <input {...p} ref={tokenField} readOnly value={token ?? '••••••••••••••••'} className="mono" onFocus={(e) => e.target.select()} />
            <button type="button" aria-label={token === null ? 'Show token' : 'Hide token'} onClick={() => (token === null ? void reveal() : setToken(null))}>
              {token === null ? 'Show' : 'Hide'}
            </button>
            <button type="button" onClick={() => void copy()}>
              Copy
            </button>
          </div>
        )}
      </Field>
      <div className="row-actions">
        <button type="button" onClick={() => void renew()}>
          New token
        </button>
        {copied !== null && (
          <span role="status" className={copied ? 'muted' : 'field-error'}>
            {copied ? 'Token copied.' : 'Could not copy: select the token and copy it.'}
          </span>
        )}
      </div>
      <pre className="code">{`curl -X POST ${feed.url} \\
  -H "Authorization: Bearer ${token ?? '$SESSIONGUARD_TOKEN'}" \\
  -H "Content-Type: application/json" \\
  -d '{"trades":[{"externalId":"order-1","closedAt":"${new Date().toISOString()}","pnl":"-42.50"}]}'`}</pre>
      {problem && <p className="field-error">{problem}</p>}
    </section>
  );
}
