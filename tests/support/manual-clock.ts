import type { Clock } from '../../src-main/time/clock.ts';

/** A clock that only moves when told, forwards or backwards (a wall-clock jump). */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: number | string = '2026-03-02T14:00:00.000Z') {
    this.current = typeof start === 'number' ? start : Date.parse(start);
  }
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number | string): void {
    this.current = typeof ms === 'number' ? ms : Date.parse(ms);
  }
}
