import { lazy, Suspense, useEffect } from 'react';
import { AlertBanners } from './components/AlertBanners.tsx';
import { ErrorBar } from './components/ErrorBar.tsx';
import { FirstRun } from './screens/FirstRun.tsx';
import { SessionScreen } from './screens/SessionScreen.tsx';
import { useStore, type View } from './state/store.ts';
import { notifyInBrowser } from './browser-notifications.ts';

// The first screen is the session (setup or countdown); the others, with the charts and the
// import's parsing, load when first opened so the countdown needs only its own code.
const History = lazy(() => import('./screens/History.tsx').then((m) => ({ default: m.History })));
const SessionDetail = lazy(() => import('./screens/SessionDetail.tsx').then((m) => ({ default: m.SessionDetail })));
const ImportScreen = lazy(() => import('./screens/ImportScreen.tsx').then((m) => ({ default: m.ImportScreen })));
const Settings = lazy(() => import('./screens/Settings.tsx').then((m) => ({ default: m.Settings })));
const Trades = lazy(() => import('./screens/Trades.tsx').then((m) => ({ default: m.Trades })));
const Schedules = lazy(() => import('./screens/schedules/Schedules.tsx').then((m) => ({ default: m.Schedules })));

const NAV: Array<{ view: View['name']; label: string }> = [
  { view: 'session', label: 'Session' },
  { view: 'history', label: 'History' },
  { view: 'trades', label: 'Trades' },
  { view: 'import', label: 'Import' },
  { view: 'schedules', label: 'Schedules' },
  { view: 'settings', label: 'Settings' },
];

export function App() {
  const bootstrap = useStore((s) => s.bootstrap);
  const ready = useStore((s) => s.ready);
  const view = useStore((s) => s.view);
  const active = useStore((s) => s.active);
  const go = useStore((s) => s.go);

  useEffect(() => {
    // Once, on mount: the store's actions never change.
    const { load, handleEvent } = useStore.getState();
    void load();
    const browser = () => useStore.getState().bootstrap?.capabilities.mode === 'browser';
    return window.api.onEvent((event) => {
      handleEvent(event);
      if (browser()) notifyInBrowser(event);
    });
  }, []);

  if (!bootstrap || !ready) return <div className="splash">Sessionguard</div>;
  const profile = bootstrap.profile;
  if (!profile) return <FirstRun systemTimeZone={bootstrap.systemTimeZone} />;

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Sessionguard</div>
        {NAV.map((item) => (
          <button
            key={item.view}
            type="button"
            className={view.name === item.view || (item.view === 'history' && view.name === 'detail') ? 'current' : ''}
            aria-current={view.name === item.view ? 'page' : undefined}
            onClick={() => go({ name: item.view } as View)}
          >
            {item.label}
            {item.view === 'session' && active?.status === 'active' && <span className="dot" role="img" aria-label="running" />}
          </button>
        ))}
        <div className="profile-name">{profile.name}</div>
      </nav>
      <main className="content">
        <ErrorBar />
        <AlertBanners />
        {view.name === 'session' && <SessionScreen profile={profile} />}
        <Suspense fallback={<p className="muted">Loading…</p>}>
          {view.name === 'history' && <History profile={profile} />}
          {view.name === 'trades' && <Trades profile={profile} />}
          {view.name === 'detail' && <SessionDetail sessionId={view.sessionId} profile={profile} />}
          {view.name === 'import' && <ImportScreen profile={profile} />}
          {view.name === 'schedules' && <Schedules profile={profile} />}
          {view.name === 'settings' && <Settings profile={profile} />}
        </Suspense>
      </main>
    </div>
  );
}
