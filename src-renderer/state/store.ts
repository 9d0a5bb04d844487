import { create, type StateCreator } from 'zustand';
import type { AppErrorData } from '../../src-main/contract/errors.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { REASON_LABELS, RULE_REASONS, type ActiveSessionData, type Bootstrap, type CanCreateReport, type ProfileView, type TradeView } from '../../src-main/contract/views.ts';
import { call, errorData } from '../api/window-api.ts';

export type View = { name: 'session' } | { name: 'history' } | { name: 'detail'; sessionId: number } | { name: 'import' } | { name: 'schedules' } | { name: 'settings' };

export interface Alert {
  id: number;
  kind: 'warning' | 'breach' | 'ended' | 'storage' | 'import' | 'schedule';
  message: string;
  /** A heading of its own (which rule stopped the session); else the kind's. */
  title?: string;
}

interface AppSlice {
  bootstrap: Bootstrap | null;
  view: View;
  error: AppErrorData | null;
  load(): Promise<void>;
  setProfile(profile: ProfileView): void;
  go(view: View): void;
  showError(error: unknown): void;
  clearError(): void;
}

interface SessionSlice {
  active: ActiveSessionData | null;
  /** Page clock minus main-process clock when `active` arrived; the countdown corrects by it. */
  clockOffsetMs: number;
  trades: TradeView[];
  canCreate: CanCreateReport | null;
  refreshSession(): Promise<void>;
}

interface AlertSlice {
  alerts: Alert[];
  storageProblem: string | null;
  pushAlert(kind: Alert['kind'], message: string, title?: string): void;
  acknowledge(id: number): void;
}

interface SharedSlice {
  /** Applies one event of the main process's stream to every slice it concerns. */
  handleEvent(event: AppEvent): void;
}

export type Store = AppSlice & SessionSlice & AlertSlice & SharedSlice;

const createAppSlice: StateCreator<Store, [], [], AppSlice> = (set, get) => ({
  bootstrap: null,
  view: { name: 'session' },
  error: null,
  load: async () => {
    try {
      const bootstrap = await call('getBootstrap', {});
      set({ bootstrap });
      if (bootstrap.profile) await get().refreshSession();
    } catch (error) {
      get().showError(error);
    }
  },
  setProfile: (profile) => set((s) => (s.bootstrap ? { bootstrap: { ...s.bootstrap, profile, profiles: upsert(s.bootstrap.profiles, profile) } } : {})),
  go: (view) => set({ view }),
  showError: (error) => set({ error: errorData(error) }),
  clearError: () => set({ error: null }),
});

const createSessionSlice: StateCreator<Store, [], [], SessionSlice> = (set, get) => {
  /**
   * One refresh at a time: a breach arrives as a burst of events, and each used to fetch the
   * session again. A call made while one runs waits for a single follow-up that starts after
   * it, so every caller still sees data at least as new as its own call.
   */
  let refreshRunning: Promise<void> | null = null;
  let refreshQueued: Promise<void> | null = null;
  const fetchSession = async () => {
    try {
      const [active, canCreate, bootstrap] = await Promise.all([call('getActiveSession', {}), call('canCreateSession', {}), call('getBootstrap', {})]);
      const trades = active ? await call('listSessionTrades', { sessionId: active.session.id }) : [];
      set({ active, canCreate, trades, bootstrap, clockOffsetMs: active ? Date.now() - Date.parse(active.now) : get().clockOffsetMs });
    } catch (error) {
      get().showError(error);
    }
  };
  const refreshSession = (): Promise<void> => {
    if (!refreshRunning) {
      refreshRunning = fetchSession().finally(() => {
        refreshRunning = null;
      });
      return refreshRunning;
    }
    refreshQueued ??= refreshRunning.then(() => {
      refreshQueued = null;
      return refreshSession();
    });
    return refreshQueued;
  };
  return { active: null, clockOffsetMs: 0, trades: [], canCreate: null, refreshSession };
};

let alertIds = 0;
const createAlertSlice: StateCreator<Store, [], [], AlertSlice> = (set) => ({
  alerts: [],
  storageProblem: null,
  pushAlert: (kind, message, title) => set((s) => ({ alerts: [...s.alerts.filter((a) => a.message !== message), { id: ++alertIds, kind, message, ...(title && { title }) }] })),
  acknowledge: (id) => set((s) => ({ alerts: s.alerts.filter((a) => a.id !== id) })),
});

const createSharedSlice: StateCreator<Store, [], [], SharedSlice> = (set, get) => ({
  handleEvent: (event) => {
    switch (event.type) {
      case 'warning':
        get().pushAlert('warning', event.message);
        break;
      case 'breach':
        get().pushAlert('breach', event.message, `${REASON_LABELS[event.reason]} reached`);
        break;
      case 'session_ended':
        // A rule's stop has its own banner already.
        if (!(RULE_REASONS as readonly string[]).includes(event.session.terminationReason ?? '')) get().pushAlert('ended', event.message);
        break;
      case 'schedule':
        if (event.kind !== 'started' && event.kind !== 'created') get().pushAlert('schedule', event.message);
        break;
      case 'early_end':
        if (event.request.outcome === 'lapsed') get().pushAlert('warning', event.message);
        break;
      case 'storage_failed':
        set({ storageProblem: event.error.message });
        return;
      case 'folder_import':
        if (!event.file.ok) get().pushAlert('import', event.file.message);
        break;
      default:
        break;
    }
    void get().refreshSession();
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
