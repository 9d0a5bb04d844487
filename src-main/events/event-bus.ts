import type { AppEvent } from '../contract/events.ts';

export type EventListener = (event: AppEvent) => void;

/**
 * The one stream of everything observable. Events are emitted only after the transaction
 * that caused them committed, so a listener never sees something that was rolled back.
 * A failing listener can't stop the others.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AppEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('[sessionguard] event listener failed', error);
      }
    }
  }

  emitAll(events: readonly AppEvent[]): void {
    for (const event of events) this.emit(event);
  }
}
