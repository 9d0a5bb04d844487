// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { RequestOf } from '../../src-main/contract/channels.ts';
import { Settings } from '../../src-renderer/screens/Settings.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi, FailWith, profile, type FakeAnswers } from './support/fake-api.ts';

const watched = { enabled: false, folder: null, preset: 'auto' as const, mappingName: null, running: false, error: null, recent: [] };
let api: ReturnType<typeof fakeApi>;

function answersWithPointValues() {
  return {
    updateProfile: (request) => ({
      ...profile,
      ...request,
      timeZone: request.timeZone ?? profile.timeZone,
      dailyLossLimit: request.dailyLossLimit ?? null,
      dayBoundary: request.dayBoundary ?? profile.dayBoundary,
      dayBoundaryZone: request.dayBoundaryZone ?? null,
    }),
    getFeedSettings: () => ({ enabled: false, port: 47814, running: false, url: 'http://127.0.0.1:47814/v1/trades', error: null }),
    revealFeedToken: () => ({ token: 'feed-token-0123456789' }),
    getPointValues: () => ({ builtIn: { MNQ: '2' }, overrides: {} }),
    listBackups: () => [],
    listMappings: () => [],
    listImportPresets: () => [{ id: 'ninjatrader_executions', label: 'NinjaTrader Executions' }],
    getWatchedFolder: () => watched,
    updateWatchedFolder: (request) => {
      if (request.folder === 'exports')
        throw new FailWith({
          code: 'validation',
          message: 'Choose the folder as a full path.',
          field: 'folder',
          fieldErrors: [{ field: 'folder', code: 'invalid_watched_folder', message: 'Choose the folder as a full path.' }],
        });
      return { ...watched, enabled: true, running: true, folder: request.folder ?? null, preset: request.preset ?? 'auto' };
    },
  } satisfies FakeAnswers;
}

beforeEach(() => {
  resetStore();
  api = fakeApi(answersWithPointValues());
  window.api = api;
});
afterEach(cleanup);

test('a profile in UTC shows UTC, and saving keeps it (the browser’s zone list leaves UTC out)', async () => {
  const user = userEvent.setup();
  render(<Settings profile={{ ...profile, timeZone: 'UTC' }} />);
  expect((screen.getByLabelText('Time zone') as HTMLSelectElement).value).toBe('UTC');
  await user.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(api.calls.some((c) => c.channel === 'updateProfile')).toBe(true));
  // Nothing was changed, so no zone is sent: another one can't be saved without the trader choosing it.
  expect((api.calls.find((c) => c.channel === 'updateProfile')!.request as RequestOf<'updateProfile'>).timeZone).toBeUndefined();
});

test('the watched folder shows a refused path at its field, then watches a valid one with the chosen preset', async () => {
  const user = userEvent.setup();
  render(<Settings profile={profile} />);
  const folder = await screen.findByLabelText('Folder');
  await user.type(folder, 'exports');
  await user.click(screen.getByRole('button', { name: 'Watch this folder' }));
  expect(await screen.findByText('Choose the folder as a full path.')).toBeTruthy();
  expect(folder.getAttribute('aria-invalid')).toBe('true');

  await user.clear(folder);
  await user.type(folder, '/home/alex/exports');
  await user.selectOptions(screen.getByLabelText('Read files as'), 'ninjatrader_executions');
  await user.click(screen.getByRole('button', { name: 'Watch this folder' }));
  expect(await screen.findByText('watching')).toBeTruthy();
  expect(api.calls.filter((c) => c.channel === 'updateWatchedFolder').at(-1)!.request).toEqual({
    enabled: true,
    folder: '/home/alex/exports',
    preset: 'ninjatrader_executions',
    mappingName: null,
  });
});

test('the feed token is fetched only when the trader shows it, and then fills the example', async () => {
  const user = userEvent.setup();
  render(<Settings profile={profile} />);
  const token = (await screen.findByLabelText('Bearer token')) as HTMLInputElement;
  expect(token.value).not.toContain('feed-token');
  expect(screen.getByText(/Bearer \$SESSIONGUARD_TOKEN/)).toBeTruthy();
  expect(api.calls.some((c) => c.channel === 'revealFeedToken')).toBe(false);

  await user.click(screen.getByRole('button', { name: 'Show token' }));
  await waitFor(() => expect(token.value).toBe('feed-token-0123456789'));
  expect(screen.getByText(/Bearer feed-token-0123456789/)).toBeTruthy();
  await user.click(screen.getByRole('button', { name: 'Hide token' }));
  expect(token.value).not.toContain('feed-token');
});

test('the feed token is copied with one click (issue 16, controls)', async () => {
  // user-event stands in for the clipboard, so what the page wrote can be read back.
  const user = userEvent.setup();
  render(<Settings profile={profile} />);
  await user.click(await screen.findByRole('button', { name: 'Copy' }));
  expect(await navigator.clipboard.readText()).toBe('feed-token-0123456789');
  expect(await screen.findByText('Token copied.')).toBeTruthy();
});

test('the point-value table can be searched (issue 16, controls)', async () => {
  api = fakeApi({
    ...answersWithPointValues(),
    getPointValues: () => ({ builtIn: { MNQ: '2', NQ: '20', ES: '50', MES: '5', '6E': '125000' }, overrides: { MNQ: '2.5' } }),
  });
  window.api = api;
  const user = userEvent.setup();
  render(<Settings profile={profile} />);
  const search = await screen.findByTestId('point-value-search');
  expect(screen.getByTestId('point-value-table').querySelectorAll('tbody tr')).toHaveLength(5);
  await user.type(search, 'nq');
  expect([...screen.getByTestId('point-value-table').querySelectorAll('tbody tr td:first-child')].map((td) => td.textContent)).toEqual(['MNQ', 'NQ']);
  expect(screen.getByText('2 of 5')).toBeTruthy();
  await user.clear(search);
  await user.type(search, 'ZZ');
  expect(screen.getByText(/No root matches “ZZ”/)).toBeTruthy();
});
