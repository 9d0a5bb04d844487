import { useEffect, useState, type FormEvent } from 'react';
import type { AppErrorData } from '../../src-main/contract/errors.ts';
import type { FeedSettingsView, ProfileView } from '../../src-main/contract/views.ts';
import { call, errorData } from '../api/window-api.ts';
import { errorFor, Field } from '../components/Field.tsx';
import { useStore } from '../state/store.ts';

const LOCKOUTS: Array<{ value: string; label: string }> = [
  { value: 'planned', label: 'Until the stopped session’s planned end' },
  { value: '60', label: '1 hour' },
  { value: '240', label: '4 hours' },
  { value: '1440', label: '1 day' },
  { value: '0', label: 'No lockout' },
];

export function Settings({ profile }: { profile: ProfileView }) {
  const setProfile = useStore((s) => s.setProfile);
  const [name, setName] = useState(profile.name);
  const [currency, setCurrency] = useState(profile.currency);
  const [timeZone, setTimeZone] = useState(profile.timeZone);
  const [balance, setBalance] = useState(profile.balance);
  const [apply, setApply] = useState(profile.applyPnlToBalance);
  const [lockout, setLockout] = useState(profile.lockoutMinutes === null ? 'planned' : String(profile.lockoutMinutes));
  const [error, setError] = useState<AppErrorData | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    try {
      const updated = await call('updateProfile', { name, currency, timeZone, balance: balance.trim().replace(/,/g, ''), applyPnlToBalance: apply, lockoutMinutes: lockout === 'planned' ? null : Number(lockout) });
      setProfile(updated);
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(errorData(err));
    }
  };
  const fe = error?.fieldErrors;
  return (
    <section className="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <form className="card narrow" onSubmit={save} aria-label="Profile">
        <h2>Profile</h2>
        <Field label="Name" error={errorFor(fe, 'name')}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <div className="row">
          <Field label="Balance" error={errorFor(fe, 'balance')}>
            {(p) => <input {...p} inputMode="decimal" value={balance} onChange={(e) => setBalance(e.target.value)} />}
          </Field>
          <Field label="Currency" error={errorFor(fe, 'currency')}>
            {(p) => <input {...p} value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} />}
          </Field>
        </div>
        <Field label="Time zone" error={errorFor(fe, 'timeZone')}>
          {(p) => (
            <select {...p} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
              {Intl.supportedValuesOf('timeZone').map((z) => (
                <option key={z}>{z}</option>
              ))}
            </select>
          )}
        </Field>
        <label className="check">
          <input type="checkbox" checked={apply} onChange={(e) => setApply(e.target.checked)} />
          Add each ended session’s P&L to the balance
        </label>
        <Field label="After the loss limit stops a session, lock new sessions" error={errorFor(fe, 'lockoutMinutes')} hint="A lockout that is already running keeps its end.">
          {(p) => (
            <select {...p} value={lockout} onChange={(e) => setLockout(e.target.value)}>
              {LOCKOUTS.map((l) => (
                <option key={l.value} value={l.value}>
                  {l.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {error && !fe && <p className="field-error">{error.message}</p>}
        <div className="actions">
          {saved && <span role="status">Saved.</span>}
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
      <FeedSettings />
    </section>
  );
}

function FeedSettings() {
  const [feed, setFeed] = useState<FeedSettingsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('getFeedSettings', {}).then(setFeed).catch((e: unknown) => setError(errorData(e).message));
  }, []);
  const update = async (work: Promise<FeedSettingsView>) => {
    try {
      setFeed(await work);
      setError(null);
    } catch (e) {
      setError(errorData(e).message);
    }
  };
  if (!feed) return null;
  return (
    <div className="card narrow" aria-labelledby="feed-title">
      <h2 id="feed-title">Live feed</h2>
      <p className="muted">Trading platforms and scripts on this computer can send closed trades to Sessionguard as they happen.</p>
      <label className="check">
        <input type="checkbox" checked={feed.enabled} onChange={(e) => void update(call('updateFeedSettings', { enabled: e.target.checked }))} />
        Accept trades at <code>{feed.url}</code> {feed.running && <span className="status status-active">running</span>}
      </label>
      <Field label="Bearer token">
        {(p) => <input {...p} readOnly value={feed.token} className="mono" onFocus={(e) => e.target.select()} />}
      </Field>
      <button type="button" onClick={() => void update(call('regenerateFeedToken', {}))}>
        New token
      </button>
      <pre className="code">{`curl -X POST ${feed.url} \\
  -H "Authorization: Bearer ${feed.token}" \\
  -H "Content-Type: application/json" \\
  -d '{"trades":[{"externalId":"order-1","closedAt":"${new Date().toISOString()}","pnl":"-42.50"}]}'`}</pre>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
