import { create, type StateCreator } from 'zustand';
import type { AppErrorData } from '../../src-main/contract/errors.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import {
  REASON_LABELS,
  RULE_REASONS,
  type Bootstrap,
  type RuleReason,
  type ProfileView,
  type SessionView,
  type TradeView,
} from '../../src-main/contract/views.ts';
import { call, errorData } from '../api/window-api.ts';
import { endedNotice } from '../format/session-text.ts';

export type View =
  | { name: 'session' }
  | { name: 'history' }
  | { name: 'trades' }
  | { name: 'detail'; sessionId: number }
  | { name: 'import' }
  | { name: 'schedules' }
  | { name: 'settings' };

export interface Alert {
  id: number;
  /** One banner per key: a newer alert with the same key replaces the older one. */
  key: string;
  kind: 'warning' | 'breach' | 'ended' | 'import' | 'lockout_trade' | 'schedule' | 'connector';
  message: string;
  /** The session it is about, if any. */
  sessionId: number | null;
  /** A heading of its own (which rule stopped the session); else the kind's. */
  title?: string;
}

interface AppSlice {
  /** The profile lives here and nowhere else in the page: every screen reads `bootstrap.profile`. */
  bootstrap: Bootstrap | null;
  /**
   * The first load is done (the open session and notices are known). The screens wait for it:
   * a setup form drawn meanwhile would be replaced by the countdown at once, and its own
   * requests would queue ahead of the session's.
   */
  ready: boolean;
  view: View;
  error: AppErrorData | null;
  load(): Promise<void>;
  setProfile(profile: ProfileView): void;
  /** Asks for the profile again after the main process changed it (a session's P&L applied to the balance). */
  reloadProfile(): Promise<void>;
  go(view: View): void;
  showError(error: unknown): void;
  clearError(): void;
}

export interface Lockout {
  until: string;
  sessionId: number;
}

interface SessionSlice {
  /** The open (pending or active) session, as the latest payload showed it. */
  active: SessionView | null;
  /** Page clock minus main-process clock, measured when the page loaded; deadlines are read through it. */
  clockOffsetMs: number;
  /** Trades of the open session, newest first. */
  trades: TradeView[];
  /** The latest lockout a loss-limit stop started, whether or not it still runs. */
  lockout: Lockout | null;
  /** The session that ended last, shown with its result until the trader moves on to the next one. */
  ended: SessionView | null;
  /** Trades recorded while the current lockout runs, newest close first (the lockout screen lists them). */
  lockoutTrades: TradeView[];
  /** Counts recordings the page heard of, so a list of all trades knows to read again. */
  tradesRecorded: number;
  dismissEnded(): void;
  loadSession(): Promise<void>;
  /** Takes a session as a payload carried it (an event, a reply); an older copy never replaces a newer one. */
  applySession(session: SessionView): void;
  applyTrade(trade: TradeView, session: SessionView | null): void;
}

interface AlertSlice {
  alerts: Alert[];
  storageProblem: string | null;
  /**
   * Shows a banner. Warnings of one session collapse into one that shows the latest level;
   * "session ended" notices into one; a breach notice is one per stopped session.
   */
  pushAlert(kind: Alert['kind'], message: string, sessionId?: number | null, title?: string): void;
  /** Removes a banner; a breach notice is acknowledged in the main process first, so a reload does not bring it back. */
  acknowledge(id: number): Promise<void>;
  /** The banners about a session that no longer apply once it has ended (its warnings). */
  dropSessionAlerts(sessionId: number): void;
  /** The breach notice the main process still holds, shown after a reload. */
  loadNotices(): Promise<void>;
}

interface SharedSlice {
  /** Applies one event of the main process's stream to every slice it concerns. */
  handleEvent(event: AppEvent): void;
}

export type Store = AppSlice & SessionSlice & AlertSlice & SharedSlice;

const createAppSlice: StateCreator<Store, [], [], AppSlice> = (set, get) => ({
  bootstrap: null,
  ready: false,
  view: { name: 'session' },
  error: null,
  load: async () => {
    try {
      // Asked together with the bootstrap, not after it: one round trip fewer before the first
      // screen. Without a profile they answer that there is nothing open.
      const firstReads = Promise.all([get().loadSession(), get().loadNotices()]);
      const bootstrap = await call('getBootstrap', {});
      set({ bootstrap, clockOffsetMs: Date.now() - Date.parse(bootstrap.now) });
      await firstReads;
      set({ ready: true });
    } catch (error) {
      get().showError(error);
    }
  },
  setProfile: (profile) => set((s) => (s.bootstrap ? { bootstrap: { ...s.bootstrap, profile, profiles: upsert(s.bootstrap.profiles, profile) } } : {})),
  reloadProfile: async () => {
    try {
      const { profile, profiles } = await call('getBootstrap', {});
      set((s) => (s.bootstrap ? { bootstrap: { ...s.bootstrap, profile, profiles } } : {}));
    } catch (error) {
      get().showError(error);
    }
  },
  go: (view) => set({ view }),
  showError: (error) => set({ error: errorData(error) }),
  clearError: () => set({ error: null }),
});

const createSessionSlice: StateCreator<Store, [], [], SessionSlice> = (set, get) => ({
  active: null,
  clockOffsetMs: 0,
  trades: [],
  lockout: null,
  ended: null,
  lockoutTrades: [],
  tradesRecorded: 0,
  dismissEnded: () => set({ ended: null }),
  loadSession: async () => {
    try {
      const [data, canCreate] = await Promise.all([call('getActiveSession', {}), call('canCreateSession', {})]);
      const trades = data ? await call('listSessionTrades', { sessionId: data.session.id }) : [];
      const running = canCreate.reasons.find((r) => r.code === 'lockout_active');
      const lockout = running?.until && running.sessionId !== null ? { until: running.until, sessionId: running.sessionId } : null;
      // A reload during a lockout shows the stopped session again, not a setup form.
      const ended = lockout ? (await call('getSessionDetail', { sessionId: lockout.sessionId })).session : null;
      const lockoutTrades = ended?.endTime ? (await call('listTrades', { recordedAfter: ended.endTime, pageSize: 200 })).items : [];
      set({ active: data?.session ?? null, trades, lockout, ended, lockoutTrades, ...(data && { clockOffsetMs: Date.now() - Date.parse(data.now) }) });
    } catch (error) {
      get().showError(error);
    }
  },
  applySession: (session) => {
    const { active, lockout, ended } = get();
    // A later lockout is taken even from a stale update. It goes into the same `set` as the
    // session: each one copies the store and asks every subscribed component, ahead of whatever
    // else listens to the event that brought it (a breach).
    const later =
      session.lockoutUntil !== null && (lockout === null || Date.parse(session.lockoutUntil) > Date.parse(lockout.until))
        ? { lockout: { until: session.lockoutUntil, sessionId: session.id }, lockoutTrades: [] }
        : null;
    const current = active?.id === session.id ? active : ended?.id === session.id ? ended : null;
    if (current && Date.parse(session.updatedAt) < Date.parse(current.updatedAt)) {
      if (later) set(later);
    } else if (session.status === 'pending' || session.status === 'active') {
      const trades = active?.id === session.id ? get().trades : [];
      set({ ...later, active: session, trades, ended: null });
      // A batch too large for one event per trade arrives as one session update: its trades are fetched.
      if (session.totalTrades > trades.length) void fetchTrades(session.id);
    } else if (current) {
      // The open session ended (or a late trade changed the one that did): its result stays on
      // screen, unless it never started (cancelled, or expired unstarted): then setup follows.
      const result = session.startTime === null ? null : session;
      set({ ...later, ended: result, ...(active?.id === session.id && { active: null, trades: [] }) });
    } else if (later) set(later);
  },
  applyTrade: (trade, session) => {
    const { active, trades } = get();
    if (active && trade.sessionId === active.id) set({ trades: mergeTrades(trades, [trade]) });
    if (session) get().applySession(session);
  },
});

async function fetchTrades(sessionId: number): Promise<void> {
  try {
    const fetched = await call('listSessionTrades', { sessionId });
    const { active, trades } = useStore.getState();
    if (active?.id === sessionId) useStore.setState({ trades: mergeTrades(trades, fetched) });
  } catch (error) {
    useStore.getState().showError(error);
  }
}

/** Both lists' trades once each, newest close first (a late trade takes its place by close time). */
function mergeTrades(current: TradeView[], incoming: TradeView[]): TradeView[] {
  const byId = new Map(current.map((t) => [t.id, t]));
  for (const trade of incoming) byId.set(trade.id, trade);
  return [...byId.values()].sort((a, b) => Date.parse(b.closedAt) - Date.parse(a.closedAt) || b.id - a.id);
}

let alertIds = 0;

function isRuleReason(reason: string | null): reason is RuleReason {
  return (RULE_REASONS as readonly (string | null)[]).includes(reason);
}

/** The heading of a stop's banner: the rule that stopped the session. */
function breachTitle(session: SessionView): string | undefined {
  return isRuleReason(session.terminationReason) ? `${REASON_LABELS[session.terminationReason]} reached` : undefined;
}
function alertKey(kind: Alert['kind'], message: string, sessionId: number | null): string {
  if (kind === 'ended') return 'ended';
  if (kind === 'import' || kind === 'schedule') return `${kind}:${message}`;
  return `${kind}:${sessionId ?? 'none'}`;
}

const createAlertSlice: StateCreator<Store, [], [], AlertSlice> = (set, get) => ({
  alerts: [],
  storageProblem: null,
  pushAlert: (kind, message, sessionId = null, title) => {
    const key = alertKey(kind, message, sessionId);
    set((s) => ({ alerts: [...s.alerts.filter((a) => a.key !== key), { id: ++alertIds, key, kind, message, sessionId, ...(title && { title }) }] }));
  },
  acknowledge: async (id) => {
    const alert = get().alerts.find((a) => a.id === id);
    if (!alert) return;
    if (alert.kind === 'breach' && alert.sessionId !== null) {
      try {
        await call('acknowledgeBreach', { sessionId: alert.sessionId });
      } catch (error) {
        get().showError(error);
        return;
      }
    }
    set((s) => ({ alerts: s.alerts.filter((a) => a.id !== id) }));
  },
  // Unchanged when the session has no warning up (the usual case on a stop): no update for anyone to hear.
  dropSessionAlerts: (sessionId) =>
    set((s) => {
      const alerts = s.alerts.filter((a) => !(a.kind === 'warning' && a.sessionId === sessionId));
      return alerts.length === s.alerts.length ? s : { alerts };
    }),
  loadNotices: async () => {
    try {
      const notice = await call('getBreachNotice', {});
      if (notice && !get().alerts.some((a) => a.key === `breach:${notice.session.id}`))
        get().pushAlert('breach', notice.message, notice.session.id, breachTitle(notice.session));
    } catch (error) {
      get().showError(error);
    }
  },
});

const createSharedSlice: StateCreator<Store, [], [], SharedSlice> = (set, get) => ({
  handleEvent: (event) => {
    if (event.type === 'trade_recorded' || event.type === 'session_changed') set((s) => ({ tradesRecorded: s.tradesRecorded + 1 }));
    switch (event.type) {
      case 'session_changed':
        get().applySession(event.session);
        break;
      case 'trade_recorded':
        get().applyTrade(event.trade, event.session);
        // A late trade for an ended session may have moved the balance.
        if (event.session && event.session.endTime !== null && get().bootstrap?.profile?.applyPnlToBalance) void get().reloadProfile();
        break;
      case 'warning':
        get().applySession(event.session);
        get().pushAlert('warning', event.message, event.session.id);
        break;
      case 'breach':
        get().applySession(event.session);
        get().dropSessionAlerts(event.session.id);
        get().pushAlert('breach', event.message, event.session.id, breachTitle(event.session));
        break;
      case 'breach_acknowledged':
        set((s) => ({ alerts: s.alerts.filter((a) => a.key !== `breach:${event.sessionId}`) }));
        break;
      case 'session_ended': {
        get().applySession(event.session);
        get().dropSessionAlerts(event.session.id);
        const currency = get().bootstrap?.profile?.currency;
        // A rule's stop has its own banner already.
        if (!isRuleReason(event.session.terminationReason))
          get().pushAlert('ended', currency ? endedNotice(event.session, currency) : event.message, event.session.id);
        if (get().bootstrap?.profile?.applyPnlToBalance) void get().reloadProfile();
        break;
      }
      case 'schedule':
        if (event.kind !== 'started' && event.kind !== 'created') get().pushAlert('schedule', event.message);
        // A session the schedule created or started arrives as its own session event.
        break;
      case 'early_end':
        if (event.request.outcome === 'lapsed') get().pushAlert('warning', event.message);
        break;
      case 'storage_failed':
      case 'database_damaged':
        set({ storageProblem: event.error.message });
        return;
      case 'data_restored':
        // Other data entirely: every screen loads again.
        set({ storageProblem: null });
        void get().load();
        return;
      case 'lockout_trade':
        set((s) => ({ lockoutTrades: mergeTrades(s.lockoutTrades, event.trades) }));
        get().pushAlert('lockout_trade', event.message, event.sessionId);
        break;
      case 'folder_import':
        if (!event.file.ok) get().pushAlert('import', event.file.message);
        break;
      case 'connector_lost':
        get().pushAlert('connector', event.message);
        return;
      case 'connector_restored':
        // The lost banner said executions may be missing; once the connector beats again it no longer applies.
        set((s) => ({ alerts: s.alerts.filter((a) => a.kind !== 'connector') }));
        return;
    }
  },
});

export const useStore = create<Store>()((...a) => ({
  ...createAppSlice(...a),
  ...createSessionSlice(...a),
  ...createAlertSlice(...a),
  ...createSharedSlice(...a),
}));

const initialState = useStore.getState();
/** Back to a fresh store (tests). */
export function resetStore(): void {
  useStore.setState(initialState, true);
}

function upsert(list: ProfileView[], profile: ProfileView): ProfileView[] {
  return list.some((p) => p.id === profile.id) ? list.map((p) => (p.id === profile.id ? profile : p)) : [...list, profile];
}
