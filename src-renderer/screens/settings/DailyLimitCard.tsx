import { useState, type FormEvent } from 'react';
import type { AppErrorData } from '../../../src-main/contract/errors.ts';
import type { ProfileView } from '../../../src-main/contract/views.ts';
import { call, errorData } from '../../api/window-api.ts';
import { errorFor, Field } from '../../components/Field.tsx';
import { timeZoneChoices } from '../../format/time.ts';
import { useStore } from '../../state/store.ts';

/**
 * The profile's daily loss limit across sessions, with the trading day's boundary (17:00
 * America/Chicago for CME futures, midnight Europe/Prague for FTMO-style rules). A session
 * takes it as it is when the session starts; once a day's limit is reached it can only be lowered until the next day.
 */
export function DailyLimitCard({ profile }: { profile: ProfileView }) {
  const setProfile = useStore((s) => s.setProfile);
  const [on, setOn] = useState(profile.dailyLossLimit !== null);
  const [amount, setAmount] = useState(profile.dailyLossLimit ?? '');
  const [boundary, setBoundary] = useState(profile.dayBoundary);
  const [zone, setZone] = useState(profile.dayBoundaryZone ?? profile.timeZone);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    try {
      const updated = await call('updateProfile', {
        dailyLossLimit: on ? amount.trim().replace(/,/g, '') || '0' : null,
        dayBoundary: boundary,
        dayBoundaryZone: zone === profile.timeZone ? null : zone,
      });
      setProfile(updated);
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(errorData(err));
    }
  };
  const fe = error?.fieldErrors;
  return (
    <form className="card narrow" onSubmit={save} aria-labelledby="daily-limit-title">
      <h2 id="daily-limit-title">Daily loss limit</h2>
      <p className="muted">
        All sessions of a trading day together. Reaching it stops the running session and locks new ones until the next trading day starts.
      </p>
      <label className="check">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        Limit what a trading day may lose
      </label>
      {on && (
        <Field label={`Daily loss limit (${profile.currency})`} error={errorFor(fe, 'dailyLossLimit')}>
          {(p) => <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
        </Field>
      )}
      <div className="row">
        <Field label="The trading day starts at" error={errorFor(fe, 'dayBoundary')}>
          {(p) => <input {...p} type="time" value={boundary} onChange={(e) => setBoundary(e.target.value)} />}
        </Field>
        <Field label="In the time zone" error={errorFor(fe, 'dayBoundaryZone')}>
          {(p) => (
            <select {...p} value={zone} onChange={(e) => setZone(e.target.value)}>
              {timeZoneChoices(zone).map((z) => (
                <option key={z}>{z}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {error && !fe && <p className="field-error">{error.message}</p>}
      <div className="actions">
        {saved && <span role="status">Saved.</span>}
        <button type="submit" className="primary">
          Save daily limit
        </button>
      </div>
    </form>
  );
}
