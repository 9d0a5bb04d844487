import type { Tray } from 'electron';
import type { AppEvent } from '../contract/events.ts';
import type { ActiveSessionData } from '../contract/views.ts';
import type { Core } from '../app/core.ts';
import { roomText } from '../contract/room-text.ts';
import { formatMoney } from '../format/money-text.ts';
import { MINUTE_MS } from '../time/clock.ts';
import type { ElectronApi } from './electron-api.ts';
import { trayIconPng, type TrayState } from './tray-icons.ts';

export interface TrayActions {
  showWindow(): void;
  quit(): void;
}

/**
 * Idle, running, warned, stopped: the tray says which at a glance, and the tooltip says how much.
 * `stopped`: a rule stopped the last session and its lockout still runs (or, with no lockout,
 * no session has begun since).
 */
export function trayState(data: ActiveSessionData | null, stopped: boolean): TrayState {
  if (data?.session.status === 'active')
    return Number(data.lossLimitUsedPercentage) >= 50 || data.warningsRaised.length > 0 || data.cooldownUntil !== null ? 'warning' : 'active';
  return stopped ? 'stopped' : 'idle';
}

/** What a rule's stop leaves the tray showing: until its lockout ends, or until the next session (`until` null). */
interface Stop {
  until: number | null;
}

/** The stop an event starts or ends, whatever events follow it (a trade recorded during the lockout, a warning). */
function stopAfter(event: AppEvent, current: Stop | null): Stop | null {
  const until = (session: { lockoutUntil: string | null }) => (session.lockoutUntil === null ? null : Date.parse(session.lockoutUntil));
  if (event.type === 'breach') return { until: until(event.session) };
  if (event.type === 'session_ended' && event.session.lockoutUntil !== null) return { until: until(event.session) };
  if (event.type === 'session_changed' && (event.session.status === 'pending' || event.session.status === 'active')) return null;
  return current;
}

export function trayTooltip(data: ActiveSessionData | null, currency: string): string {
  if (!data) return 'Sessionguard: no session running';
  if (data.session.status === 'pending') return 'Sessionguard: session ready to start';
  const left = data.remainingMs ?? 0;
  const hours = Math.floor(left / 3_600_000);
  const minutes = Math.floor((left % 3_600_000) / MINUTE_MS);
  // The rules in force, the most urgent first, as many as a tooltip holds.
  const rooms =
    data.roomLeft.length > 0
      ? data.roomLeft.slice(0, 4).map((item) => roomText(item, (amount) => formatMoney(amount, currency)))
      : [`${data.lossLimitUsedPercentage} % of the loss limit used`];
  return [`Sessionguard: ${hours} h ${String(minutes).padStart(2, '0')} min left`, `P&L ${formatMoney(data.session.realizedPnl, currency)}`, ...rooms].join(
    '\n',
  );
}

/** The tray icon, tooltip and menu, refreshed every minute and on every event. */
export class TrayController {
  private readonly tray: Tray;
  private readonly electron: ElectronApi;
  private readonly core: Core;
  private readonly actions: TrayActions;
  private stop: Stop | null = null;
  private state: TrayState | null = null;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;

  constructor(electron: ElectronApi, core: Core, actions: TrayActions) {
    this.electron = electron;
    this.core = core;
    this.actions = actions;
    this.tray = new electron.Tray(electron.nativeImage.createFromBuffer(trayIconPng('idle')));
    this.tray.on('click', () => actions.showWindow());
    this.unsubscribe = core.bus.subscribe((event) => {
      this.stop = stopAfter(event, this.stop);
      void this.refresh();
    });
    this.timer = setInterval(() => void this.refresh(), 30_000);
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const [data, profile] = await Promise.all([this.core.sessions.getActiveData(), this.core.profiles.current()]);
    const stopped = this.stop !== null && (this.stop.until === null || this.core.clock.now() < this.stop.until);
    const state = trayState(data, stopped);
    if (state !== this.state) {
      this.tray.setImage(this.electron.nativeImage.createFromBuffer(trayIconPng(state)));
      this.state = state;
    }
    this.tray.setToolTip(trayTooltip(data, profile?.currency ?? 'USD'));
    this.tray.setContextMenu(
      this.electron.Menu.buildFromTemplate([
        { label: 'Show Sessionguard', click: () => this.actions.showWindow() },
        data !== null && data.session.rules.coolOffMinutes > 0
          ? {
              label: data.earlyEnd ? 'Ending early is waiting: open Sessionguard' : 'Ask to end the session early…',
              enabled: data.session.status === 'active',
              click: () => (data.earlyEnd ? this.actions.showWindow() : void this.requestEarlyEnd(data)),
            }
          : { label: 'Stop session…', enabled: data?.session.status === 'active', click: () => void this.confirmStop(data) },
        { type: 'separator' },
        { label: 'Quit', click: () => this.actions.quit() },
      ]),
    );
  }

  destroy(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    this.tray.destroy();
  }

  /** A session with a cool-off is not stopped from the tray: the request starts the wait, the window confirms. */
  private async requestEarlyEnd(data: ActiveSessionData): Promise<void> {
    await this.core.sessions.requestEarlyEnd(data.session.id, 'stop').catch(() => undefined);
    this.actions.showWindow();
  }

  private async confirmStop(data: ActiveSessionData | null): Promise<void> {
    if (!data) return;
    const answer = await this.electron.dialog.showMessageBox({
      type: 'warning',
      buttons: ['Cancel', 'Stop session'],
      defaultId: 0,
      cancelId: 0,
      title: 'Stop the session?',
      message: 'Stop the running session now?',
      detail: 'It ends now with its current P&L. This can’t be undone.',
    });
    if (answer.response === 1) await this.core.sessions.stop(data.session.id).catch(() => undefined);
  }
}
