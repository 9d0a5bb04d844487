import type { Api } from '../../../src-main/contract/api.ts';
import type { ChannelName, RequestOf, ResultOf } from '../../../src-main/contract/channels.ts';
import { channelNames } from '../../../src-main/contract/channels.ts';
import type { AppEvent } from '../../../src-main/contract/events.ts';
import type { AppErrorData } from '../../../src-main/contract/errors.ts';

type Answer<K extends ChannelName> = (request: RequestOf<K>) => ResultOf<K> | Promise<ResultOf<K>>;
export type FakeAnswers = { [K in ChannelName]?: Answer<K> };

/** A typed stand-in for `window.api`: same shape, answers given per test, every call recorded. */
export class FailWith extends Error {
  readonly data: AppErrorData;
  constructor(data: AppErrorData) {
    super(data.message);
    this.data = data;
  }
}

export function fakeApi(answers: FakeAnswers): Api & { calls: Array<{ channel: ChannelName; request: unknown }>; emit(event: AppEvent): void } {
  const listeners = new Set<(event: AppEvent) => void>();
  const calls: Array<{ channel: ChannelName; request: unknown }> = [];
  const api: Record<string, unknown> = {
    calls,
    emit: (event: AppEvent) => {
      for (const l of listeners) l(event);
    },
    onEvent: (listener: (event: AppEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  for (const channel of channelNames) {
    api[channel] = async (request: unknown) => {
      calls.push({ channel, request });
      const answer = answers[channel] as ((r: unknown) => unknown) | undefined;
      if (!answer) return { ok: false, error: { code: 'internal', message: `no fake answer for ${channel}` } };
      try {
        return { ok: true, value: await answer(request) };
      } catch (error) {
        if (error instanceof FailWith) return { ok: false, error: error.data };
        throw error;
      }
    };
  }
  return api as unknown as Api & { calls: typeof calls; emit(event: AppEvent): void };
}

export const profile: import('../../../src-main/contract/views.ts').ProfileView = {
  id: 1,
  name: 'Alex',
  currency: 'USD',
  balance: '25000.00',
  timeZone: 'America/New_York',
  applyPnlToBalance: true,
  lockoutMinutes: null,
  dailyLossLimit: null,
  dayBoundary: '00:00',
  dayBoundaryZone: null,
};

/** A session's rules with nothing beyond the loss limit; override what a test needs. */
export function rulesView(
  overrides: Partial<import('../../../src-main/contract/views.ts').SessionRulesView> = {},
): import('../../../src-main/contract/views.ts').SessionRulesView {
  return {
    trailingDrawdown: null,
    profitTarget: null,
    tradeCap: null,
    losingStreak: null,
    largestLoss: null,
    coolOffMinutes: 0,
    dailyLossLimit: null,
    templateName: null,
    ...overrides,
  };
}

export function sessionView(
  overrides: Partial<import('../../../src-main/contract/views.ts').SessionView> = {},
): import('../../../src-main/contract/views.ts').SessionView {
  return {
    id: 7,
    userId: 1,
    status: 'active',
    durationMinutes: 240,
    lossLimitAmount: '2500.00',
    lossLimitPercentage: '10.00',
    balanceAtCreation: '25000.00',
    startTime: '2026-03-02T14:00:00.000Z',
    plannedEndTime: '2026-03-02T18:00:00.000Z',
    endTime: null,
    actualDurationMinutes: null,
    totalTrades: 0,
    winningTrades: 0,
    losingTrades: 0,
    realizedPnl: '0.00',
    grossProfit: '0.00',
    grossLoss: '0.00',
    sessionPerformancePercentage: '0.00',
    terminationReason: null,
    lossLimitUsedPercentage: '0.00',
    lossLimitRemaining: '2500.00',
    winRate: null,
    lockoutUntil: null,
    rules: rulesView(),
    roomLeft: [],
    cooldownUntil: null,
    pendingExpiresAt: null,
    createdAt: '2026-03-02T14:00:00.000Z',
    updatedAt: '2026-03-02T14:00:00.000Z',
    ...overrides,
  };
}
