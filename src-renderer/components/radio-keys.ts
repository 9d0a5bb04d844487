import type { KeyboardEvent } from 'react';

/**
 * Native radio buttons move with the arrow keys and are one tab stop; this adds Home and End
 * (the first and the last choice) to a group of them, as an ARIA radio group has.
 */
export function radioEnds<T>(values: readonly T[], select: (value: T) => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    const index = event.key === 'Home' ? 0 : event.key === 'End' ? values.length - 1 : -1;
    if (index < 0) return;
    event.preventDefault();
    select(values[index]!);
    event.currentTarget.querySelectorAll<HTMLInputElement>('input[type="radio"]')[index]?.focus();
  };
}
