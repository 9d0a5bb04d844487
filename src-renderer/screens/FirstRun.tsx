import { useState, type FormEvent } from 'react';
import type { AppErrorData } from '../../src-main/contract/errors.ts';
import { call, errorData } from '../api/window-api.ts';
import { errorFor, Field } from '../components/Field.tsx';
import { MINIMUM_SESSION_BALANCE } from '../../src-main/contract/views.ts';
import { isBelow } from '../format/money.ts';
import { timeZoneChoices } from '../format/time.ts';
import { useStore } from '../state/store.ts';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK', 'PLN', 'HKD', 'SGD', 'NZD', 'ZAR', 'INR', 'BRL', 'MXN'];

/** The first screen: who trades, in which currency, with what balance, in which time zone. */
export function FirstRun({ systemTimeZone }: { systemTimeZone: string }) {
  const [name, setName] = useState('');
  const [balance, setBalance] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [timeZone, setTimeZone] = useState(systemTimeZone);
  const [error, setError] = useState<AppErrorData | null>(null);
  const load = useStore((s) => s.load);
  const zones = timeZoneChoices(systemTimeZone);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await call('createProfile', { name, balance: balance.trim().replace(/,/g, ''), currency, timeZone });
      await load();
    } catch (err) {
      setError(errorData(err));
    }
  };
  const fe = error?.fieldErrors;
  return (
    <main className="first-run">
      <form className="card narrow" onSubmit={submit} aria-labelledby="first-run-title">
        <h1 id="first-run-title">Welcome to Sessionguard</h1>
        <p className="muted">Set up the trading account Sessionguard will guard. You can change all of this later in Settings.</p>
        <Field label="Your name" error={errorFor(fe, 'name')}>
          {(p) => (
            // biome-ignore lint/a11y/noAutofocus: the first screen of a new install holds one form, and its name field is where typing starts.
            <input {...p} autoFocus value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
          )}
        </Field>
        <div className="row">
          <Field
            label="Account balance"
            error={errorFor(fe, 'balance')}
            hint={`As your broker shows it, e.g. 25000.00. Sessions need at least ${MINIMUM_SESSION_BALANCE}.`}
            warning={
              isBelow(balance, MINIMUM_SESSION_BALANCE)
                ? `Sessions need a balance of at least ${MINIMUM_SESSION_BALANCE}: you can create the profile, but not a session until the balance is raised in Settings.`
                : undefined
            }
          >
            {(p) => <input {...p} inputMode="decimal" value={balance} onChange={(e) => setBalance(e.target.value)} />}
          </Field>
          <Field label="Currency" error={errorFor(fe, 'currency')}>
            {(p) => (
              <select {...p} value={currency} onChange={(e) => setCurrency(e.target.value)}>
                {CURRENCIES.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Time zone" error={errorFor(fe, 'timeZone')} hint="Days and hours in your history use this zone.">
          {(p) => (
            <select {...p} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
              {zones.map((z) => (
                <option key={z}>{z}</option>
              ))}
            </select>
          )}
        </Field>
        {error && !fe && <p className="field-error">{error.message}</p>}
        <button type="submit" className="primary big">
          Create profile
        </button>
      </form>
    </main>
  );
}
