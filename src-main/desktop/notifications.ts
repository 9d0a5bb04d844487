import type { AppEvent } from '../contract/events.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { ElectronApi } from './electron-api.ts';

const TITLES: Partial<Record<AppEvent['type'], string>> = {
  warning: 'Sessionguard warning',
  breach: 'Loss limit reached: stop trading',
  session_ended: 'Session ended',
  storage_failed: 'Sessionguard can’t save data',
};

/**
 * OS notifications for every warning, the breach, the end of a session, a failed save, and a
 * file from the watched folder that was not imported (one that was imported needs no interruption).
 */
export function bindNotifications(notification: ElectronApi['Notification'], bus: EventBus): () => void {
  return bus.subscribe((event) => {
    const title = event.type === 'folder_import' ? (event.file.ok ? undefined : 'A dropped file was not imported') : TITLES[event.type];
    if (!title || !notification.isSupported()) return;
    const body = 'message' in event ? event.message : event.type === 'storage_failed' ? event.error.message : event.type === 'folder_import' ? event.file.message : '';
    new notification({ title, body, urgency: event.type === 'breach' ? 'critical' : 'normal' }).show();
  });
}
