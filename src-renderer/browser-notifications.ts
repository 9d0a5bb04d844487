import type { AppEvent } from '../src-main/contract/events.ts';
import { REASON_LABELS } from '../src-main/contract/views.ts';

/**
 * In browser mode there is no tray: alerts also go to the browser's notifications, when the
 * trader allowed them (permission is asked on a click, never on load).
 */
export function notifyInBrowser(event: AppEvent): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const title =
    event.type === 'breach' ? `${REASON_LABELS[event.reason]} reached` : event.type === 'warning' ? 'Sessionguard warning' : event.type === 'session_ended' ? 'Session ended' : event.type === 'schedule' && (event.kind === 'reminder' || event.kind === 'missed' || event.kind === 'blocked') ? 'Planned session' : null;
  if (title && 'message' in event) new Notification(title, { body: event.message, tag: `sessionguard-${event.type}` });
}

export function askNotificationPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
}
