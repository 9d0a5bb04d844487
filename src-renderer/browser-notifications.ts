import type { AppEvent } from '../src-main/contract/events.ts';
import { REASON_LABELS } from '../src-main/contract/views.ts';

/**
 * In browser mode there is no tray: alerts also go to the browser's notifications, when the
 * trader allowed them (permission is asked on a click, never on load).
 */
const TITLES = {
  warning: 'Sessionguard warning',
  session_ended: 'Session ended',
  lockout_trade: 'A trade was recorded during your lockout',
  connector_lost: 'Platform connector lost',
} as const;

function titleOf(event: AppEvent): string | null {
  if (event.type === 'breach') return `${REASON_LABELS[event.reason]} reached`;
  if (event.type === 'schedule') return event.kind === 'reminder' || event.kind === 'missed' || event.kind === 'blocked' ? 'Planned session' : null;
  return TITLES[event.type as keyof typeof TITLES] ?? null;
}

export function notifyInBrowser(event: AppEvent): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const title = titleOf(event);
  if (title && 'message' in event) new Notification(title, { body: event.message, tag: `sessionguard-${event.type}` });
}

export function askNotificationPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
}
