import type { SessionRulesInput } from '../../../src-main/contract/views.ts';

/** The rules as the setup form holds them: text as typed, each rule on (a value) or off (null). */
export interface RulesDraft {
  trailingDrawdown: string | null;
  profitTarget: { amount: string; lock: boolean; giveback: string } | null;
  tradeCap: string | null;
  losingStreak: { losses: string; cooldown: string; stop: boolean } | null;
  largestLoss: string | null;
  coolOff: string;
}

export const EMPTY_DRAFT: RulesDraft = { trailingDrawdown: null, profitTarget: null, tradeCap: null, losingStreak: null, largestLoss: null, coolOff: '0' };

/** Text the main process can read as an amount; anything else goes as 0, which it refuses at the field. */
function amount(text: string): string {
  const cleaned = text.trim().replace(/,/g, '');
  return /^\d{1,15}(\.\d{1,6})?$/.test(cleaned) ? cleaned : '0';
}

function whole(text: string): number {
  return /^\d{1,7}$/.test(text.trim()) ? Number(text.trim()) : 0;
}

export function rulesFromDraft(draft: RulesDraft): SessionRulesInput {
  return {
    trailingDrawdown: draft.trailingDrawdown === null ? null : { amount: amount(draft.trailingDrawdown) },
    profitTarget:
      draft.profitTarget === null
        ? null
        : { amount: amount(draft.profitTarget.amount), lockGivebackPercent: draft.profitTarget.lock ? whole(draft.profitTarget.giveback) : null },
    tradeCap: draft.tradeCap === null ? null : { trades: whole(draft.tradeCap) },
    losingStreak:
      draft.losingStreak === null
        ? null
        : {
            losses: whole(draft.losingStreak.losses),
            cooldownMinutes: draft.losingStreak.stop ? 0 : whole(draft.losingStreak.cooldown),
            stop: draft.losingStreak.stop,
          },
    largestLoss: draft.largestLoss === null ? null : { amount: amount(draft.largestLoss) },
    coolOffMinutes: whole(draft.coolOff),
  };
}

export function draftFromRules(rules: SessionRulesInput): RulesDraft {
  return {
    trailingDrawdown: rules.trailingDrawdown?.amount ?? null,
    profitTarget: rules.profitTarget && {
      amount: rules.profitTarget.amount,
      lock: rules.profitTarget.lockGivebackPercent !== null,
      giveback: String(rules.profitTarget.lockGivebackPercent ?? 50),
    },
    tradeCap: rules.tradeCap ? String(rules.tradeCap.trades) : null,
    losingStreak: rules.losingStreak && {
      losses: String(rules.losingStreak.losses),
      cooldown: String(rules.losingStreak.cooldownMinutes || 30),
      stop: rules.losingStreak.stop,
    },
    largestLoss: rules.largestLoss?.amount ?? null,
    coolOff: String(rules.coolOffMinutes),
  };
}
