import type { AppEvent } from '../src-main/contract/events.ts';

/**
 * In browser mode there is no tray: alerts also go to the browser's notifications, when the
 * trader allowed them (permission is asked on a click, never on load).
 */
const TITLES = { breach: 'Loss limit reached', warning: 'Sessionguard warning', session_ended: 'Session ended', locked_out_trade: 'A trade was recorded during your lockout' } as const;

export function notifyInBrowser(event: AppEvent): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const title = TITLES[event.type as keyof typeof TITLES] ?? null;
  if (title && 'message' in event) new Notification(title, { body: event.message, tag: `sessionguard-${event.type}` });
}

export function askNotificationPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
}
