import { useRef, useState } from 'react';
import { call } from '../api/window-api.ts';
import { Field } from '../components/Field.tsx';
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

/** The live feed: on or off, where it listens, and the token platforms send (copied in one click). */
export function FeedSettings() {
  const { data: feed, error, update } = useCardData(() => call('getFeedSettings', {}));
  const [copied, setCopied] = useState<boolean | null>(null);
  const tokenField = useRef<HTMLInputElement>(null);
  if (!feed) return error ? <p className="field-error">{error.message}</p> : null;
  const copy = async () => setCopied(await copyText(feed.token, tokenField.current));
  return (
    <div className="card narrow" aria-labelledby="feed-title">
      <h2 id="feed-title">Live feed</h2>
      <p className="muted">Trading platforms and scripts on this computer can send closed trades to Sessionguard as they happen.</p>
      <label className="check">
        <input type="checkbox" checked={feed.enabled} onChange={(e) => void update(() => call('updateFeedSettings', { enabled: e.target.checked }))} />
        Accept trades at <code>{feed.url}</code> {feed.running && <span className="status status-active">running</span>}
      </label>
      <Field label="Bearer token">
        {(p) => (
          <div className="input-with-button">
            <input {...p} ref={tokenField} readOnly value={feed.token} className="mono" onFocus={(e) => e.target.select()} />
            <button type="button" onClick={() => void copy()}>
              Copy
            </button>
          </div>
        )}
      </Field>
      <div className="row-actions">
        <button type="button" onClick={() => void update(() => call('regenerateFeedToken', {})).then(() => setCopied(null))}>
          New token
        </button>
        {copied !== null && (
          <span role="status" className={copied ? 'muted' : 'field-error'}>
            {copied ? 'Token copied.' : 'Could not copy: select the token and copy it.'}
          </span>
        )}
      </div>
      <pre className="code">{`curl -X POST ${feed.url} \\
  -H "Authorization: Bearer ${feed.token}" \\
  -H "Content-Type: application/json" \\
  -d '{"trades":[{"externalId":"order-1","closedAt":"${new Date().toISOString()}","pnl":"-42.50"}]}'`}</pre>
      {error && <p className="field-error">{error.message}</p>}
    </div>
  );
}
