import { useEffect } from 'react';
import { AlertBanners } from './components/AlertBanners.tsx';
import { ErrorBar } from './components/ErrorBar.tsx';
import { FirstRun } from './screens/FirstRun.tsx';
import { History } from './screens/History.tsx';
import { ImportScreen } from './screens/ImportScreen.tsx';
import { Schedules } from './screens/schedules/Schedules.tsx';
import { SessionDetail } from './screens/SessionDetail.tsx';
import { SessionScreen } from './screens/SessionScreen.tsx';
import { Settings } from './screens/Settings.tsx';
import { Trades } from './screens/Trades.tsx';
import { useStore, type View } from './state/store.ts';
import { notifyInBrowser } from './browser-notifications.ts';

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
  const view = useStore((s) => s.view);
  const active = useStore((s) => s.active);
  const go = useStore((s) => s.go);
  const load = useStore((s) => s.load);
  const handleEvent = useStore((s) => s.handleEvent);

  useEffect(() => {
    void load();
    const browser = () => useStore.getState().bootstrap?.capabilities.mode === 'browser';
    return window.api.onEvent((event) => {
      handleEvent(event);
      if (browser()) notifyInBrowser(event);
    });
  }, []);

  if (!bootstrap) return <div className="splash">Sessionguard</div>;
  const profile = bootstrap.profile;
  if (!profile) return <FirstRun systemTimeZone={bootstrap.systemTimeZone} />;

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Sessionguard</div>
        {NAV.map((item) => (
          <button key={item.view} type="button" className={view.name === item.view || (item.view === 'history' && view.name === 'detail') ? 'current' : ''} aria-current={view.name === item.view ? 'page' : undefined} onClick={() => go({ name: item.view } as View)}>
            {item.label}
            {item.view === 'session' && active?.status === 'active' && <span className="dot" aria-label="running" />}
          </button>
        ))}
        <div className="profile-name">{profile.name}</div>
      </nav>
      <main className="content">
        <ErrorBar />
        <AlertBanners />
        {view.name === 'session' && <SessionScreen profile={profile} />}
        {view.name === 'history' && <History profile={profile} />}
        {view.name === 'trades' && <Trades profile={profile} />}
        {view.name === 'detail' && <SessionDetail sessionId={view.sessionId} profile={profile} />}
        {view.name === 'import' && <ImportScreen profile={profile} />}
        {view.name === 'schedules' && <Schedules profile={profile} />}
        {view.name === 'settings' && <Settings profile={profile} />}
      </main>
    </div>
  );
}
