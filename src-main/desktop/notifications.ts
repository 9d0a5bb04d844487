import type { AppEvent } from '../contract/events.ts';
import { REASON_LABELS } from '../contract/views.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { ElectronApi } from './electron-api.ts';

/** The notification an event deserves, or null for those that need no interruption. */
function notificationFor(event: AppEvent): { title: string; body: string } | null {
  switch (event.type) {
    case 'warning':
      return { title: 'Sessionguard warning', body: event.message };
    case 'breach':
      return { title: `${REASON_LABELS[event.reason]} reached: stop trading`, body: event.message };
    case 'session_ended':
      return { title: 'Session ended', body: event.message };
    case 'storage_failed':
      return {
        title: 'Sessionguard can’t save data',
        body: event.failures > 1 ? `${event.error.message} (${event.failures} failed saves so far)` : event.error.message,
      };
    case 'database_damaged':
      return { title: 'Sessionguard’s data is damaged', body: event.error.message };
    case 'connector_lost':
      return { title: 'Platform connector lost', body: event.message };
    case 'schedule':
      // A session the schedule started or created shows in the window; the rest needs the trader.
      return event.kind === 'started' || event.kind === 'created'
        ? null
        : { title: event.kind === 'reminder' ? 'Session starts in 5 minutes' : 'Planned session not started', body: event.message };
    case 'early_end':
      return { title: 'Ending early', body: event.message };
    case 'lockout_trade':
      return { title: 'A trade was recorded during your lockout', body: event.message };
    case 'folder_import':
      // A file that was imported shows in the session; only one left behind needs the trader.
      return event.file.ok ? null : { title: 'A dropped file was not imported', body: event.file.message };
    default:
      return null;
  }
}

/** OS notifications for every warning, a rule's stop, the end of a session, a trade during a lockout, a schedule's reminder or miss, an early-end request, a failed save, damaged data, a file the watched folder could not import and a platform connector gone silent. */
export function bindNotifications(notification: ElectronApi['Notification'], bus: EventBus): () => void {
  return bus.subscribe((event) => {
    const shown = notificationFor(event);
    if (!shown || !notification.isSupported()) return;
    new notification({ ...shown, urgency: event.type === 'breach' ? 'critical' : 'normal' }).show();
  });
}
