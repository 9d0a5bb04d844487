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

/**
 * The permission as the browser last said it. Reading `Notification.permission` is a synchronous
 * round trip to Chromium's browser process (about a millisecond on a busy machine), and it was
 * read on every event, ahead of the page's other listeners and the banner's render; so it is read
 * once, then kept current by the answer to our own request and the Permissions API's change
 * event (the trader changing it in the site settings).
 */
let permission: NotificationPermission | null = null;

function currentPermission(): NotificationPermission {
  if (permission === null) {
    permission = Notification.permission;
    void navigator.permissions
      ?.query({ name: 'notifications' })
      .then((status) =>
        status.addEventListener('change', () => {
          permission = Notification.permission;
        }),
      )
      .catch(() => undefined);
  }
  return permission;
}

/** Reads the permission once at start, so the first alert does not wait for the browser either. */
export function watchNotificationPermission(): void {
  if (typeof Notification !== 'undefined') currentPermission();
}

export function notifyInBrowser(event: AppEvent): void {
  if (typeof Notification === 'undefined') return;
  const title = titleOf(event);
  if (title === null || !('message' in event) || currentPermission() !== 'granted') return;
  new Notification(title, { body: event.message, tag: `sessionguard-${event.type}` });
}

export function askNotificationPermission(): void {
  if (typeof Notification === 'undefined' || currentPermission() !== 'default') return;
  void Notification.requestPermission().then((answer) => {
    permission = answer;
  });
}
