import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { createCoreDispatcher } from '../../src-main/app/handler-registry.ts';
import { startFeedServer, type FeedServer } from '../../src-main/feed/feed-server.ts';
import type { Dispatch } from '../../src-main/ipc/dispatcher.ts';
import { suiteTempDir } from '../support/temp-storage.ts';

let core: Core;
let dispatch: Dispatch;
let feed: FeedServer;

beforeAll(async () => {
  core = await openCore({ dataDir: suiteTempDir() });
  dispatch = createCoreDispatcher(core, { mode: 'browser', tray: false, nativeNotifications: false });
  feed = await startFeedServer({
    trades: core.trades,
    imports: core.imports,
    ledger: { storage: core.storage, clock: core.clock, bus: core.bus },
    token: () => 'field-errors-token',
    port: 0,
  });
});

afterAll(async () => {
  await feed.close();
  await core.close();
});

async function refusal(channel: string, payload: unknown) {
  const reply = await dispatch(channel, payload);
  if (reply.ok) throw new Error(`${channel} was accepted`);
  return reply.error;
}

async function postFeed(body: unknown) {
  const response = await fetch(`http://127.0.0.1:${feed.port}/v1/trades`, {
    method: 'POST',
    headers: { authorization: 'Bearer field-errors-token', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    error: ((await response.json()) as { error: { code: string; message: string; fieldErrors: Array<{ field: string; code: string; message: string }> } })
      .error,
  };
}

describe('a payload that fails its schema', () => {
  test('is described in plain words at each field, keeping the typed codes', async () => {
    const profile = await refusal('createProfile', { name: 'Ann', currency: 'usd', balance: '1,000', timeZone: 'UTC' });
    expect(profile.code).toBe('bad_request');
    expect(profile.fieldErrors).toEqual([
      { field: 'currency', code: 'invalid_format', message: 'Currency must be a three-letter currency code such as USD.' },
      { field: 'balance', code: 'invalid_format', message: 'Balance must be an amount like 1250.00 (digits, a dot, at most 6 decimals).' },
    ]);
    expect(profile.message).toBe('Currency must be a three-letter currency code such as USD. One more field is wrong too.');

    expect((await refusal('setPointValue', { root: 'MNQ', value: 2 })).message).toBe('Value must be text.');
    expect((await refusal('updateFeedSettings', { port: 80 })).message).toBe('Port must be at least 1024.');
    expect((await refusal('createSession', { durationMinutes: 60, acknowledgeRisk: false, start: true })).message).toBe('Loss limit is required.');
    expect(
      (await refusal('createSession', { durationMinutes: 60, lossLimit: { kind: 'amount', amount: 'lots' }, acknowledgeRisk: false, start: true }))
        .fieldErrors![0]!.message,
    ).toBe('Loss limit amount must be an amount like 1250.00 (digits, a dot, at most 6 decimals).');
    const extra = await refusal('getBootstrap', { extra: 1 });
    expect(extra).toMatchObject({ field: 'request', message: 'The request has a field Sessionguard does not accept: "extra".' });
    expect((await refusal('getHistory', { statuses: ['open'] })).message).toBe(
      'Status 1 must be one of "pending", "active", "completed", "stopped", "expired".',
    );
  });

  test('reads the same on the live feed, where the fields are the body’s', async () => {
    const fill = { externalId: 'f1', time: '2026-03-02T14:00:00Z', symbol: 'MNQZ6', side: 'buy', quantity: '0', price: '21000' };
    const reply = await postFeed({ trades: [{ externalId: 't1', closedAt: 'yesterday', pnl: 12.5 }], fills: [fill] });
    expect(reply.status).toBe(400);
    expect(reply.error.code).toBe('bad_request');
    expect(reply.error.fieldErrors).toEqual([
      { field: 'trades.0.closedAt', code: 'custom', message: 'Trade 1 closed at must be an ISO 8601 instant with a zone, e.g. 2026-03-02T14:30:00Z.' },
      { field: 'trades.0.pnl', code: 'invalid_type', message: 'Trade 1 P&L must be text.' },
      { field: 'fills.0.quantity', code: 'custom', message: 'Fill 1 quantity must be more than 0.' },
    ]);
    expect(reply.error.message).toBe('Trade 1 closed at must be an ISO 8601 instant with a zone, e.g. 2026-03-02T14:30:00Z. 2 more fields are wrong too.');
    expect((await postFeed({})).error.message).toBe('The body must hold at least one trade or fill.');
    expect((await postFeed([])).error.message).toBe('The body must be a JSON object.');
  });
});
