import { ROOM_LABELS, roomText } from '../../../src-main/contract/room-text.ts';
import type { RoomLeftItem } from '../../../src-main/contract/views.ts';
import { formatMoney } from '../../format/money.ts';
import { Countdown } from '../Countdown.tsx';
import { limitLevel } from '../LimitBar.tsx';

/**
 * Every rule in force and the room it leaves, most urgent first, as the main process computed
 * it after the last trade: the page only lays it out.
 */
export function RoomLeftPanel({ items, currency, clockOffsetMs }: { items: RoomLeftItem[]; currency: string; clockOffsetMs: number }) {
  if (items.length <= 1) return null;
  const money = (amount: string) => formatMoney(amount, currency);
  return (
    <section className="card room-left" aria-labelledby="room-left-title">
      <h2 id="room-left-title">Room left</h2>
      <ol className="room-list" data-testid="room-left">
        {items.map((item) => (
          <li key={item.rule} data-rule={item.rule} data-level={item.rule === 'cooldown' ? 'red' : limitLevel(item.usedPercentage)}>
            <div className="room-head">
              <strong>{ROOM_LABELS[item.rule]}</strong>
              {item.rule === 'cooldown' && item.until ? (
                <Countdown deadline={item.until} clockOffsetMs={clockOffsetMs} />
              ) : (
                <span className="muted">{item.usedPercentage} % used</span>
              )}
            </div>
            <div className="room-text">{roomText(item, money)}</div>
            <div className={`bar bar-${item.rule === 'cooldown' ? 'time' : limitLevel(item.usedPercentage)}`} aria-hidden="true">
              <div className="bar-fill" style={{ width: `${Math.min(100, Number(item.usedPercentage))}%` }} />
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
