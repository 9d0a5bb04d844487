import type { SessionScheduler } from '../scheduler/session-scheduler.ts';
import type { ElectronApi } from './electron-api.ts';

/** After sleep or a locked screen, deadlines may have passed unattended: run the catch-up. */
export function bindPower(powerMonitor: ElectronApi['powerMonitor'], scheduler: Pick<SessionScheduler, 'notifyResume'>, log: (message: string) => void): void {
  powerMonitor.on('resume', () => void scheduler.notifyResume());
  powerMonitor.on('unlock-screen', () => void scheduler.notifyResume());
  powerMonitor.on('suspend', () => log('system suspending; deadlines will be checked on resume'));
}
