import { useEffect, useId, useMemo, useState } from 'react';
import type { RequestOf } from '../../src-main/contract/channels.ts';
import type { AppErrorData } from '../../src-main/contract/errors.ts';
import type { ProfileView, SessionValidation } from '../../src-main/contract/views.ts';
import { call, errorData } from '../api/window-api.ts';
import { errorFor, Field } from '../components/Field.tsx';
import { draftFromRules, EMPTY_DRAFT, rulesFromDraft } from '../components/rules/rules-draft.ts';
import { RulesEditor } from '../components/rules/RulesEditor.tsx';
import { TemplatePicker } from '../components/rules/TemplatePicker.tsx';
import { radioEnds } from '../components/radio-keys.ts';
import { lockoutRule } from '../format/lockout-text.ts';
import { formatMoney } from '../format/money.ts';
import { formatDuration } from '../format/time.ts';
import { useStore } from '../state/store.ts';

const DURATIONS = [60, 240, 1440, 10080] as const;
const PRESETS = ['10', '20', '30'] as const;
type Limit = RequestOf<'validateSession'>['lossLimit'];
type Choice = (typeof PRESETS)[number] | 'amount';
const CHOICES: readonly Choice[] = [...PRESETS, 'amount'];
/** The form of an amount the contract takes (the main process says if it is too many decimals, too small or too large). */
const AMOUNT = /^\d{1,15}(\.\d{1,6})?$/;

/** Commit before trading: how long, and how much may be lost. */
export function SessionSetup({ profile }: { profile: ProfileView }) {
  const [duration, setDuration] = useState<number>(240);
  const [choice, setChoice] = useState<Choice>('10');
  const [customAmount, setCustomAmount] = useState('');
  const [validation, setValidation] = useState<SessionValidation | null>(null);
  const [presetAmounts, setPresetAmounts] = useState<Record<string, string>>({});
  const [confirmRisk, setConfirmRisk] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const applySession = useStore((s) => s.applySession);
  const rules = useMemo(() => rulesFromDraft(draft), [draft]);
  const applyTemplate = (config: { durationMinutes: number; lossLimit: Limit; rules: typeof rules }) => {
    setDuration(config.durationMinutes);
    if (config.lossLimit.kind === 'amount') {
      setChoice('amount');
      setCustomAmount(config.lossLimit.amount);
    } else setChoice(config.lossLimit.percentage as Choice);
    setDraft(draftFromRules(config.rules));
  };
  const durationName = useId();
  const limitName = useId();
  const go = useStore((s) => s.go);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the main process computes the amounts from the profile's balance; a new balance asks again.
  useEffect(() => {
    // The amounts beside the presets are a help, not a requirement: without them the presets say "…".
    Promise.all(PRESETS.map((percentage) => call('validateSession', { durationMinutes: 60, lossLimit: { kind: 'percentage', percentage } })))
      .then((results) => setPresetAmounts(Object.fromEntries(results.map((r, i) => [PRESETS[i], r.computed.lossLimitAmount ?? '']))))
      .catch(() => setPresetAmounts({}));
  }, [profile.balance]);

  // What is typed as an amount is checked here for its form only; everything else is the main process's.
  const typed = customAmount.trim().replace(/,/g, '');
  const limit = useMemo<Limit | null>(
    () => (choice !== 'amount' ? { kind: 'percentage', percentage: choice } : AMOUNT.test(typed) ? { kind: 'amount', amount: typed } : null),
    [choice, typed],
  );
  const typedProblem = choice === 'amount' && typed !== '' && limit === null ? 'Enter the loss limit as an amount like 250.00 (digits and a dot).' : undefined;

  // The profile in the store is the one source: a balance changed anywhere is validated again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the balance and currency are not read here, the main process validates against them; a change of either validates again.
  useEffect(() => {
    setConfirmRisk(false);
    if (limit === null) {
      setValidation(null);
      return;
    }
    let current = true;
    call('validateSession', { durationMinutes: duration, lossLimit: limit, rules })
      .then((v) => current && setValidation(v))
      .catch((e: unknown) => current && setError(errorData(e)));
    return () => {
      current = false;
    };
  }, [duration, limit, rules, profile.balance, profile.currency]);

  // A limit that is refused anyway needs no confirming: only a valid one shows the risk box.
  const risky = validation?.valid === true && validation.warnings.length > 0;
  const ready = limit !== null && validation?.valid === true && (!risky || confirmRisk) && !busy;
  const problems = [...(validation?.errors ?? []), ...(error?.fieldErrors ?? [])];

  const create = async (start: boolean) => {
    if (limit === null) return;
    setBusy(true);
    setError(null);
    try {
      applySession(await call('createSession', { durationMinutes: duration, lossLimit: limit, rules, acknowledgeRisk: confirmRisk, start }));
    } catch (e) {
      setError(errorData(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="setup" aria-labelledby="setup-title">
      <h1 id="setup-title">New session</h1>
      <TemplatePicker current={limit && { durationMinutes: duration, lossLimit: limit, rules }} onPick={applyTemplate} />
      <fieldset className="card">
        <legend>How long will you trade?</legend>
        <div className="choices" role="radiogroup" aria-label="Duration" onKeyDown={radioEnds(DURATIONS, setDuration)}>
          {DURATIONS.map((d) => (
            <label key={d} className={`choice${duration === d ? ' selected' : ''}`}>
              <input type="radio" name={durationName} checked={duration === d} onChange={() => setDuration(d)} />
              <strong>{d === 60 ? '1h' : d === 240 ? '4h' : d === 1440 ? '1d' : '7d'}</strong>
              <span>{formatDuration(d)}</span>
            </label>
          ))}
        </div>
        {errorFor(problems, 'durationMinutes') && <div className="field-error">{errorFor(problems, 'durationMinutes')}</div>}
      </fieldset>
      <fieldset className="card">
        <legend>How much may you lose?</legend>
        <p className="muted">Balance {formatMoney(profile.balance, profile.currency)}</p>
        <div className="choices" role="radiogroup" aria-label="Loss limit" onKeyDown={radioEnds(CHOICES, setChoice)}>
          {PRESETS.map((p) => {
            const selected = choice === p;
            return (
              <label key={p} className={`choice${selected ? ' selected' : ''}`} data-testid={`preset-${p}`}>
                <input type="radio" name={limitName} checked={selected} onChange={() => setChoice(p)} />
                <strong>{p} %</strong>
                <span>{presetAmounts[p] ? formatMoney(presetAmounts[p], profile.currency) : '…'}</span>
              </label>
            );
          })}
          <label className={`choice${choice === 'amount' ? ' selected' : ''}`}>
            <input type="radio" name={limitName} checked={choice === 'amount'} onChange={() => setChoice('amount')} />
            <strong>Amount</strong>
            <span>
              {choice === 'amount' && limit && validation?.computed.lossLimitPercentage ? `${validation.computed.lossLimitPercentage} %` : 'your own'}
            </span>
          </label>
        </div>
        {choice === 'amount' && (
          <Field
            label={`Loss limit (${profile.currency})`}
            error={typedProblem ?? (limit ? errorFor(problems, 'lossLimit.amount') : undefined)}
            hint={limit && validation?.computed.lossLimitPercentage ? `${validation.computed.lossLimitPercentage} % of the balance` : 'An amount like 250.00'}
          >
            {(p) => <input {...p} inputMode="decimal" value={customAmount} data-testid="custom-amount" onChange={(e) => setCustomAmount(e.target.value)} />}
          </Field>
        )}
        {(errorFor(problems, 'lossLimit.percentage', 'balance') ?? (choice !== 'amount' ? errorFor(problems, 'lossLimit.amount') : undefined)) && (
          <div className="field-error" role="status">
            {errorFor(problems, 'lossLimit.percentage', 'balance') ?? errorFor(problems, 'lossLimit.amount')}
          </div>
        )}
        {limit && validation?.computed.lossLimitAmount && validation.valid && (
          <p className="summary" data-testid="setup-summary">
            Stop at a loss of <strong>{formatMoney(validation.computed.lossLimitAmount, profile.currency)}</strong> ({validation.computed.lossLimitPercentage}{' '}
            %) within {formatDuration(duration)}.
          </p>
        )}
        {risky && (
          <label className="risk" data-testid="risk-warning">
            <input type="checkbox" checked={confirmRisk} onChange={(e) => setConfirmRisk(e.target.checked)} />
            <span>{validation!.warnings[0]!.message}</span>
          </label>
        )}
        <p className="muted lockout-rule" data-testid="lockout-rule">
          {lockoutRule(profile)}{' '}
          <button type="button" className="link" onClick={() => go({ name: 'settings' })}>
            Change it in Settings
          </button>
        </p>
      </fieldset>
      <RulesEditor draft={draft} onChange={setDraft} problems={problems} currency={profile.currency} />
      {error && !error.fieldErrors && (
        <div className="field-error" role="alert">
          {error.message}
        </div>
      )}
      <div className="actions">
        <button type="button" disabled={!ready} onClick={() => void create(false)}>
          Create
        </button>
        <button type="button" className="primary big" disabled={!ready} onClick={() => void create(true)}>
          Create and start
        </button>
      </div>
    </section>
  );
}
