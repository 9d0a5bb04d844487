import type { KeyboardEvent } from 'react';

/**
 * Arrow keys (and Home, End) move the choice within a radio group of buttons, as native
 * radio buttons do; only the chosen one is in the tab order (`tabIndex` below).
 */
export function radioKeys<T>(values: readonly T[], selected: T | null, select: (value: T) => void) {
  return {
    onKeyDown(event: KeyboardEvent<HTMLElement>) {
      const step = ({ ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 } as Record<string, number>)[event.key];
      const current = selected === null ? -1 : values.indexOf(selected);
      let index: number;
      if (step !== undefined) index = (current + step + values.length) % values.length;
      else if (event.key === 'Home') index = 0;
      else if (event.key === 'End') index = values.length - 1;
      else return;
      event.preventDefault();
      select(values[index]!);
      event.currentTarget.querySelectorAll<HTMLElement>('[role="radio"]')[index]?.focus();
    },
    tabIndex: (value: T) => (value === selected || (selected === null && value === values[0]) ? 0 : -1),
  };
}
