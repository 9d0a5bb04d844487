import { useState, type FormEvent } from 'react';
import type { RequestOf } from '../../../src-main/contract/channels.ts';
import type { AppErrorData } from '../../../src-main/contract/errors.ts';
import { MINIMUM_SESSION_BALANCE, type ProfileView } from '../../../src-main/contract/views.ts';
import { call, errorData } from '../../api/window-api.ts';
import { errorFor, Field } from '../../components/Field.tsx';
import { LOCKOUT_CHOICES } from '../../format/lockout-text.ts';
import { isBelow } from '../../format/money.ts';
import { timeZoneChoices } from '../../format/time.ts';
import { useStore } from '../../state/store.ts';

type ProfileEdits = RequestOf<'updateProfile'>;

/** The trader's profile; only what was changed is saved. */
export function ProfileSettings({ profile }: { profile: ProfileView }) {
  const setProfile = useStore((s) => s.setProfile);
  // Only what the trader changed is held here; everything else shows the store's profile, so a
  // balance the main process moved meanwhile is shown, and never written back by a save.
  const [edits, setEdits] = useState<ProfileEdits>({});
  const [error, setError] = useState<AppErrorData | null>(null);
  const [saved, setSaved] = useState(false);
  const edit = (changes: ProfileEdits) => {
    setEdits((e) => ({ ...e, ...changes }));
    setSaved(false);
  };
  const name = edits.name ?? profile.name;
  const currency = edits.currency ?? profile.currency;
  const timeZone = edits.timeZone ?? profile.timeZone;
  const balance = edits.balance ?? profile.balance;
  const apply = edits.applyPnlToBalance ?? profile.applyPnlToBalance;
  const lockoutMinutes = edits.lockoutMinutes === undefined ? profile.lockoutMinutes : edits.lockoutMinutes;
  const lockout = lockoutMinutes === null ? 'planned' : String(lockoutMinutes);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    try {
      const changes = { ...edits, ...(edits.balance !== undefined && { balance: edits.balance.trim().replace(/,/g, '') }) };
      setProfile(await call('updateProfile', changes));
      setEdits({});
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(errorData(err));
    }
  };
  const fe = error?.fieldErrors;
  return (
    <form className="card narrow" onSubmit={save} aria-label="Profile">
      <h2>Profile</h2>
      <Field label="Name" error={errorFor(fe, 'name')}>
        {(p) => <input {...p} value={name} onChange={(e) => edit({ name: e.target.value })} />}
      </Field>
      <div className="row">
        <Field
          label="Balance"
          error={errorFor(fe, 'balance')}
          hint={`Sessions need at least ${MINIMUM_SESSION_BALANCE}.`}
          warning={isBelow(balance, MINIMUM_SESSION_BALANCE) ? `Sessions need a balance of at least ${MINIMUM_SESSION_BALANCE}.` : undefined}
        >
          {(p) => <input {...p} inputMode="decimal" value={balance} onChange={(e) => edit({ balance: e.target.value })} />}
        </Field>
        <Field label="Currency" error={errorFor(fe, 'currency')}>
          {(p) => <input {...p} value={currency} maxLength={3} onChange={(e) => edit({ currency: e.target.value.toUpperCase() })} />}
        </Field>
      </div>
      <Field label="Time zone" error={errorFor(fe, 'timeZone')}>
        {(p) => (
          <select {...p} value={timeZone} onChange={(e) => edit({ timeZone: e.target.value })}>
            {timeZoneChoices(profile.timeZone).map((z) => (
              <option key={z}>{z}</option>
            ))}
          </select>
        )}
      </Field>
      <label className="check">
        <input type="checkbox" checked={apply} onChange={(e) => edit({ applyPnlToBalance: e.target.checked })} />
        Add each ended session’s P&L to the balance
      </label>
      <Field
        label="After the loss limit stops a session, lock new sessions"
        error={errorFor(fe, 'lockoutMinutes')}
        hint="A lockout that is already running keeps its end."
      >
        {(p) => (
          <select {...p} value={lockout} onChange={(e) => edit({ lockoutMinutes: e.target.value === 'planned' ? null : Number(e.target.value) })}>
            {LOCKOUT_CHOICES.map((l) => (
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
  );
}
