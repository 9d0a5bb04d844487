// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { ConnectorsView, ConnectorView } from '../../src-main/contract/views.ts';
import { AlertBanners } from '../../src-renderer/components/AlertBanners.tsx';
import { ConnectorsCard } from '../../src-renderer/screens/settings/ConnectorsCard.tsx';
import { resetStore, useStore } from '../../src-renderer/state/store.ts';
import { fakeApi } from './support/fake-api.ts';

const connector: ConnectorView = {
  source: 'ninjatrader8',
  version: '1.0.0',
  platform: 'NinjaTrader 8',
  lastHeartbeatAt: '2026-03-02T14:59:57.000Z',
  lastExecutionAt: null,
  lost: false,
  accounts: [
    { id: 'Sim101', kind: 'sim', currency: 'USD', realized: '-12.4', unrealized: '35.5', equity: '50023.1', enforcement: false },
    { id: 'APEX-1', kind: 'live', currency: 'USD', realized: '0', unrealized: null, equity: null, enforcement: true },
  ],
};
/** The main process's clock, which the page's may differ from: ages are measured against it. */
const NOW = '2026-03-02T15:00:00.000Z';
const unlocked: ConnectorsView['lock'] = { active: false, reason: null, until: null, action: 'none', sessionId: null };
let view: ConnectorsView;

beforeEach(() => {
  resetStore();
  view = { now: NOW, lostAfterSeconds: 10, connectors: [connector], lock: unlocked };
  window.api = fakeApi({
    getConnectors: () => view,
    getActiveSession: () => null,
    canCreateSession: () => ({ allowed: true, reasons: [] }),
    getBootstrap: () => ({
      profile: null,
      profiles: [],
      capabilities: { mode: 'browser', tray: false, nativeNotifications: false },
      now: new Date().toISOString(),
      systemTimeZone: 'UTC',
    }),
  });
});
afterEach(cleanup);

test('shows each connector’s last heartbeat and accounts with their P&L and whether enforcement is on', async () => {
  render(<ConnectorsCard timeZone="UTC" />);
  const section = await screen.findByRole('region', { name: 'NinjaTrader 8 connector' });
  expect(within(section).getByText('reporting')).toBeTruthy();
  expect(within(section).getByText(/Last heartbeat 3 s ago/)).toBeTruthy();
  const rows = within(section)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );
  expect(rows).toEqual([
    ['Sim101', 'sim', '-$12.40', '$35.50', '$50,023.10', 'off'],
    ['APEX-1', 'live', '$0.00', '—', '—', 'on'],
  ]);
  expect(screen.getByText(/Enforcement is off unless you list an account/)).toBeTruthy();
});

test('a lost connector and a running lock are said plainly; no connector yet is said too', async () => {
  view = {
    now: NOW,
    lostAfterSeconds: 10,
    connectors: [{ ...connector, lost: true, lastHeartbeatAt: '2026-03-02T14:59:18.000Z' }],
    lock: { active: true, reason: 'loss_limit', until: '2026-03-02T15:00:00.000Z', action: 'flatten_and_block', sessionId: 1 },
  };
  render(<ConnectorsCard timeZone="UTC" />);
  expect(await screen.findByText('lost')).toBeTruthy();
  expect(screen.getByText(/Last heartbeat 42 s ago.*nothing for more than 10 s/)).toBeTruthy();
  expect(screen.getByRole('status').textContent).toMatch(/Trading is locked until .*2026.*the loss limit stopped your session/);
  cleanup();

  view = { now: NOW, lostAfterSeconds: 10, connectors: [], lock: unlocked };
  render(<ConnectorsCard timeZone="UTC" />);
  expect(await screen.findByText('No connector has reported yet.')).toBeTruthy();
});

test('“connector lost” is a banner until the connector reports again', async () => {
  render(<AlertBanners />);
  act(() =>
    useStore.getState().handleEvent({
      type: 'connector_lost',
      connector: { ...connector, lost: true },
      message: 'No heartbeat from NinjaTrader 8 (ninjatrader8) for 10 s while your session is active.',
    }),
  );
  const banner = await screen.findByTestId('banner-connector');
  expect(banner.textContent).toMatch(/Connector lost.*No heartbeat from NinjaTrader 8/);
  act(() => useStore.getState().handleEvent({ type: 'connector_restored', connector, message: 'NinjaTrader 8 (ninjatrader8) is reporting again.' }));
  expect(screen.queryByTestId('banner-connector')).toBeNull();
});
