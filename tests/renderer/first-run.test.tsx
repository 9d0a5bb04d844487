// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { isBelow } from '../../src-renderer/format/money.ts';
import { FirstRun } from '../../src-renderer/screens/FirstRun.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi } from './support/fake-api.ts';

beforeEach(() => {
  resetStore();
  window.api = fakeApi({});
});
afterEach(cleanup);

describe('first run says at the balance field that sessions need 100.00 (issue 16 item 10)', () => {
  test('the field says so from the start, and warns as soon as the typed balance is below it', async () => {
    const user = userEvent.setup();
    render(<FirstRun systemTimeZone="UTC" />);
    const field = screen.getByLabelText('Account balance').closest('.field')!;
    expect(field.textContent).toContain('Sessions need at least 100.00.');
    await user.type(screen.getByLabelText('Account balance'), '99.99');
    expect(field.querySelector('.field-warning')!.textContent).toContain('Sessions need a balance of at least 100.00');
    await user.clear(screen.getByLabelText('Account balance'));
    await user.type(screen.getByLabelText('Account balance'), '1,000.00');
    expect(field.querySelector('.field-warning')).toBeNull();
  });

  test.each([
    ['99.99', true],
    ['100', false],
    ['100.00', false],
    ['0099.999', true],
    ['1000', false],
    ['25,000.00', false],
    ['abc', null],
  ])('%s below 100.00: %s', (typed, below) => {
    expect(isBelow(typed, '100.00')).toBe(below);
  });
});
