import { useEffect } from 'react';
import { roomText } from '../../../src-main/contract/room-text.ts';
import type { RoomLeftItem } from '../../../src-main/contract/views.ts';
import { formatMoney } from '../../format/money.ts';

const TITLE = 'Sessionguard';

/** The tab (or window) title leads with the most urgent room left, so a glance at the tab bar is enough. */
export function useTabTitle(first: RoomLeftItem | undefined, currency: string): void {
  const text = first ? roomText(first, (amount) => formatMoney(amount, currency)) : null;
  useEffect(() => {
    document.title = text ? `${text} · ${TITLE}` : TITLE;
    return () => {
      document.title = TITLE;
    };
  }, [text]);
}
