import { useId, type ReactNode } from 'react';
import type { FieldProblem } from '../../../src-main/contract/views.ts';
import { errorFor, Field } from '../Field.tsx';
import type { RulesDraft } from './rules-draft.ts';

interface Props {
  draft: RulesDraft;
  onChange(draft: RulesDraft): void;
  problems: FieldProblem[];
  currency: string;
}

/** A rule that is off until its box is ticked; its settings show when it is on. */
function Rule({ label, on, onToggle, testId, children }: { label: string; on: boolean; onToggle(on: boolean): void; testId: string; children: ReactNode }) {
  return (
    <div className="rule" data-testid={`rule-${testId}`}>
      <label className="check">
        <input type="checkbox" checked={on} onChange={(e) => onToggle(e.target.checked)} />
        {label}
      </label>
      {on && <div className="rule-settings">{children}</div>}
    </div>
  );
}

/**
 * The rules beyond the loss limit, each optional; the main process checks them (every problem
 * at its field) and freezes them when the session starts.
 */
export function RulesEditor({ draft, onChange, problems, currency }: Props) {
  const set = (changes: Partial<RulesDraft>) => onChange({ ...draft, ...changes });
  const targetName = useId();
  const money = (label: string, value: string, field: string, update: (text: string) => void, testId: string) => (
    <Field label={`${label} (${currency})`} error={errorFor(problems, field)}>
      {(p) => <input {...p} inputMode="decimal" value={value} data-testid={testId} onChange={(e) => update(e.target.value)} />}
    </Field>
  );
  const count = (label: string, value: string, field: string, update: (text: string) => void, testId: string) => (
    <Field label={label} error={errorFor(problems, field)}>
      {(p) => <input {...p} inputMode="numeric" value={value} data-testid={testId} onChange={(e) => update(e.target.value)} />}
    </Field>
  );
  const { profitTarget, losingStreak } = draft;
  return (
    <fieldset className="card rules-editor" aria-label="Rules">
      <legend>What else holds you to the plan?</legend>
      <p className="muted">Each rule is optional and frozen once the session starts. The first one reached ends the session.</p>
      <Rule
        label="Trailing drawdown: stop when P&L falls this far below its peak"
        testId="trailing"
        on={draft.trailingDrawdown !== null}
        onToggle={(on) => set({ trailingDrawdown: on ? '' : null })}
      >
        {money(
          'Drawdown allowed',
          draft.trailingDrawdown ?? '',
          'rules.trailingDrawdown.amount',
          (text) => set({ trailingDrawdown: text }),
          'rule-trailing-amount',
        )}
      </Rule>
      <Rule
        label="Profit target"
        testId="target"
        on={profitTarget !== null}
        onToggle={(on) => set({ profitTarget: on ? { amount: '', lock: false, giveback: '50' } : null })}
      >
        {profitTarget && (
          <>
            {money(
              'Target',
              profitTarget.amount,
              'rules.profitTarget.amount',
              (text) => set({ profitTarget: { ...profitTarget, amount: text } }),
              'rule-target-amount',
            )}
            <div className="segmented" role="radiogroup" aria-label="On reaching the target">
              <label className={profitTarget.lock ? '' : 'selected'}>
                <input type="radio" name={targetName} checked={!profitTarget.lock} onChange={() => set({ profitTarget: { ...profitTarget, lock: false } })} />
                Stop: take the win
              </label>
              <label className={profitTarget.lock ? 'selected' : ''}>
                <input type="radio" name={targetName} checked={profitTarget.lock} onChange={() => set({ profitTarget: { ...profitTarget, lock: true } })} />
                Lock a floor
              </label>
            </div>
            {profitTarget.lock &&
              count(
                'Stop after giving back this share of the peak (%)',
                profitTarget.giveback,
                'rules.profitTarget.lockGivebackPercent',
                (text) => set({ profitTarget: { ...profitTarget, giveback: text } }),
                'rule-target-giveback',
              )}
          </>
        )}
      </Rule>
      <Rule label="Trade cap" testId="cap" on={draft.tradeCap !== null} onToggle={(on) => set({ tradeCap: on ? '' : null })}>
        {count(
          'Trades at most (the last one ends the session)',
          draft.tradeCap ?? '',
          'rules.tradeCap.trades',
          (text) => set({ tradeCap: text }),
          'rule-cap-trades',
        )}
      </Rule>
      <Rule
        label="Losing streak"
        testId="streak"
        on={losingStreak !== null}
        onToggle={(on) => set({ losingStreak: on ? { losses: '3', cooldown: '30', stop: false } : null })}
      >
        {losingStreak && (
          <>
            {count(
              'Losing trades in a row',
              losingStreak.losses,
              'rules.losingStreak.losses',
              (text) => set({ losingStreak: { ...losingStreak, losses: text } }),
              'rule-streak-losses',
            )}
            <label className="check">
              <input type="checkbox" checked={losingStreak.stop} onChange={(e) => set({ losingStreak: { ...losingStreak, stop: e.target.checked } })} />
              End the session instead of cooling down
            </label>
            {!losingStreak.stop &&
              count(
                'Cool down for (minutes)',
                losingStreak.cooldown,
                'rules.losingStreak.cooldownMinutes',
                (text) => set({ losingStreak: { ...losingStreak, cooldown: text } }),
                'rule-streak-cooldown',
              )}
          </>
        )}
      </Rule>
      <Rule
        label="Largest single loss: warn when one trade loses more than"
        testId="largest"
        on={draft.largestLoss !== null}
        onToggle={(on) => set({ largestLoss: on ? '' : null })}
      >
        {money('Most one trade may lose', draft.largestLoss ?? '', 'rules.largestLoss.amount', (text) => set({ largestLoss: text }), 'rule-largest-amount')}
      </Rule>
      <Field
        label="Ending early: wait this many minutes after asking, then confirm"
        error={errorFor(problems, 'rules.coolOffMinutes')}
        hint="Also the wait for shortening the lockout after a stop. 0: ending early is at once, and the lockout can’t be shortened."
      >
        {(p) => <input {...p} inputMode="numeric" value={draft.coolOff} data-testid="rule-cool-off" onChange={(e) => set({ coolOff: e.target.value })} />}
      </Field>
    </fieldset>
  );
}
