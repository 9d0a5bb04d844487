import type { AppEvent } from '../contract/events.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { ElectronApi } from './electron-api.ts';

const TITLES: Partial<Record<AppEvent['type'], string>> = {
  warning: 'Sessionguard warning',
  breach: 'Loss limit reached: stop trading',
  session_ended: 'Session ended',
  storage_failed: 'Sessionguard can’t save data',
};

/** OS notifications for every warning, the breach, the end of a session and a failed save. */
export function bindNotifications(notification: ElectronApi['Notification'], bus: EventBus): () => void {
  return bus.subscribe((event) => {
    const title = TITLES[event.type];
    if (!title || !notification.isSupported()) return;
    const body = 'message' in event ? event.message : event.type === 'storage_failed' ? event.error.message : '';
    new notification({ title, body, urgency: event.type === 'breach' ? 'critical' : 'normal' }).show();
  });
}
