import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { listSessionEvents } from '../../src-main/sessions/session-repository.ts';
import { suiteTempDir } from '../support/temp-storage.ts';

/**
 * The NinjaTrader 8 add-on, compiled here with Mono's C# 5 compiler against the stub of
 * NinjaTrader's API and driven by the C# harness against the real feed server of a real core.
 * This proves the add-on's logic and its talk with Sessionguard; it does not prove NinjaTrader
 * itself behaves as the stub does (README, "NinjaTrader 8").
 */
const FOLDER = join(import.meta.dirname, '..', '..', 'connectors', 'ninjatrader8');
const ADD_ON = readFileSync(join(FOLDER, 'SessionguardConnector.cs'), 'utf8');
const STUB = readFileSync(join(FOLDER, 'stub', 'NinjaTrader.Stub.cs'), 'utf8');
const HARNESS = readFileSync(join(FOLDER, 'harness', 'Harness.cs'), 'utf8');
const hasMono = ['mcs', 'mono'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);
if (!hasMono) console.warn('[tests/connectors] mcs or mono is missing (apt-get install mono-mcs): the NinjaTrader add-on is not compiled or exercised');

/** Public members the stub declares, each with the help-guide page named above it. */
interface StubMember {
  /** How the add-on would name it: `Member`, or `Enum.Member` for an enum's value. */
  name: string;
  kind: 'type' | 'member' | 'value';
  help: boolean;
}

function stubMembers(): StubMember[] {
  const lines = STUB.split('\n');
  const members: StubMember[] = [];
  let inEnum: string | null = null;
  lines.forEach((line, index) => {
    const help = /\/\/ help:/.test(lines[index - 1] ?? '');
    const code = line.replace(/\/\/.*$/, '');
    const type = /public (?:static |abstract )*(?:class|enum) (\w+)/.exec(code);
    if (type) members.push({ name: type[1]!, kind: 'type', help });
    if (/public enum /.test(code)) inEnum = type![1]!;
    else if (inEnum && /^\s*}/.test(code)) inEnum = null;
    else if (inEnum && /^\s*\w+,?\s*$/.test(code)) members.push({ name: `${inEnum}.${/(\w+)/.exec(code)![1]!}`, kind: 'value', help: true });
    else if (!type && /^\s*(public|protected) /.test(code)) {
      const member = /\b(\w+)\s*(?:\(|\{|=|;|$)/.exec(code);
      if (member) members.push({ name: member[1]!, kind: 'member', help });
    }
  });
  return members;
}

describe('the stub of NinjaTrader’s API', () => {
  test('declares only what the add-on uses, each member with its help-guide page; harness hooks are Stub… and never used by the add-on', () => {
    const members = stubMembers();
    expect(members.length).toBeGreaterThan(40);
    const uses = (source: string, name: string) => new RegExp(`\\b${name.replace('.', '\\.')}\\b`).test(source.replace(/\/\/.*$/gm, ''));
    const hook = (m: StubMember) => /(^|\.)Stub/.test(m.name);
    const api = members.filter((m) => !hook(m));
    expect(api.filter((m) => !m.help).map((m) => m.name)).toEqual([]);
    expect(members.filter((m) => hook(m) && uses(ADD_ON, m.name)).map((m) => m.name)).toEqual([]);
    // A type or a value may be there only so the harness can make one (an account's Currency).
    expect(api.filter((m) => !uses(ADD_ON, m.name) && !(m.kind !== 'member' && uses(HARNESS, m.name))).map((m) => m.name)).toEqual([]);
  });
});

describe.skipIf(!hasMono)('the NinjaTrader 8 add-on against the real feed', () => {
  let core: Core;
  let port: number;
  let out: string;
  let harness: { code: number | null; output: string[]; steps: string[] };

  const trades = () => core.storage.read.selectFrom('trade').selectAll().orderBy('id').execute();
  async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, ms = 10_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (ok(value)) return value;
      if (Date.now() > end) throw new Error(`${what}; last seen: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** What Sessionguard's side checks or does at each step the harness reaches. */
  const steps: Record<string, () => Promise<void>> = {
    heartbeat: async () => {
      const view = await eventually(
        () => core.feed.connectorsView(),
        (v) => v.connectors[0]?.accounts.some((a) => a.id === 'Sim101' && a.unrealized === '35.5') ?? false,
        'a heartbeat with Sim101’s open P&L',
      );
      const connector = view.connectors[0]!;
      expect(connector).toMatchObject({ source: 'ninjatrader8', platform: 'NinjaTrader 8', lost: false });
      expect(connector.accounts.map((a) => [a.id, a.kind, a.enforcement]).sort()).toEqual([
        ['APEX-1', 'live', true],
        ['Late', 'sim', false],
        ['Sim101', 'sim', false],
      ]);
      expect(connector.accounts.find((a) => a.id === 'Sim101')).toMatchObject({ realized: '-12.4', unrealized: '35.5', equity: '50023.1', currency: 'USD' });
    },
    partials: async () => {
      const rows = await eventually(trades, (t) => t.length === 3, 'three trades from the partial fills');
      expect(rows.map((t) => `${t.account} ${t.symbol} ${t.realizedPnl / 1e6}`).sort()).toEqual([
        'APEX-1 MNQ 12-26 18.76',
        'Sim101 MNQ 12-26 -10.74',
        'Sim101 MNQ 12-26 37.76',
      ]);
      // The add-on converted New York time to UTC: the trades closed just now, not 4 or 5 hours off.
      for (const t of rows) expect(Math.abs(t.closedAt - Date.now())).toBeLessThan(60_000);
      expect(await core.storage.read.selectFrom('open_lot').selectAll().execute()).toEqual([]);
      expect((await core.sessions.getActiveData())!.session.realizedPnl).toBe('45.78');
    },
    corrections: async () => {
      // The amended sell re-prices Sim101's second trade; the removed cover takes APEX-1's trade away and leaves its short open.
      const rows = await eventually(trades, (t) => t.filter((x) => x.voidedAt !== null).length === 2, 'two trades voided by the amend and the remove');
      expect(rows.map((t) => `${t.account} ${t.realizedPnl / 1e6} ${t.voidedAt === null ? 'counts' : 'voided'}`)).toEqual([
        'Sim101 37.76 counts',
        'Sim101 -10.74 voided',
        'APEX-1 18.76 voided',
        'Sim101 -10.24 counts',
      ]);
      expect(rows[1]!.voidReason).toBe('ninjatrader8 amended execution e4 (Sim101 MNQ 12-26); the position was re-matched');
      expect(rows[3]!.sessionId).toBe(1);
      expect(await core.storage.read.selectFrom('open_lot').select(['account', 'side', 'quantity', 'price']).execute()).toEqual([
        { account: 'APEX-1', side: 'short', quantity: '1', price: '21050' },
      ]);
      expect((await core.sessions.getActiveData())!.session).toMatchObject({ realizedPnl: '27.52', totalTrades: 2 });
      expect((await listSessionEvents(core.storage.read, 1)).filter((e) => e.type === 'trade_voided')).toHaveLength(2);
    },
    stop: () => core.feed.update({ enabled: false }).then(() => undefined),
    start: () => core.feed.update({ enabled: true, port }).then(() => undefined),
    replayed: async () => {
      const rows = await eventually(trades, (t) => t.length === 5, 'the replayed round trip');
      expect(rows.at(-1)).toMatchObject({ account: 'Sim101', realizedPnl: 2_760_000 });
      const keys = await core.storage.read.selectFrom('import_fill').select('fillKey').where('fillKey', 'like', '%:s_').execute();
      expect(keys.map((k) => k.fillKey).sort()).toEqual(['feed:ninjatrader8:Sim101:s1', 'feed:ninjatrader8:Sim101:s2']);
    },
    breach: async () => {
      const session = (await core.history.detail(1)).session;
      expect(session).toMatchObject({ status: 'stopped', terminationReason: 'loss_limit', realizedPnl: '-371.89' });
      const lock = (await core.feed.connectorsView()).lock;
      expect(lock).toMatchObject({ active: true, reason: 'loss_limit', action: 'flatten_and_block', sessionId: 1, until: session.plannedEndTime });
      const actions = await eventually(
        async () => (await listSessionEvents(core.storage.read, 1)).filter((e) => e.type === 'connector_action'),
        (a) => a.length === 4,
        'four enforcement actions in the timeline',
      );
      expect(actions.map((a) => [a.payload.account, a.payload.kind])).toEqual([
        ['APEX-1', 'cancel_orders'],
        ['APEX-1', 'flatten'],
        ['APEX-1', 'refuse_order'],
        ['APEX-1', 'refuse_order'],
      ]);
      expect(String(actions[1]!.payload.detail)).toMatch(/^Flattened MNQ 12-26 long 1/);
    },
  };

  beforeAll(async () => {
    out = suiteTempDir();
    execFileSync('bash', [join(FOLDER, 'build.sh'), out], { stdio: 'pipe' });
    core = await openCore({ dataDir: suiteTempDir() });
    await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '2000.00', timeZone: 'America/New_York' });
    await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
    port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const chosen = (probe.address() as { port: number }).port;
        probe.close(() => resolve(chosen));
      });
    });
    await core.feed.update({ enabled: true, port });
    const tokenFile = join(out, 'token.txt');
    writeFileSync(tokenFile, await core.feed.revealToken());

    const child = spawn('mono', [join(out, 'Harness.exe'), String(port), tokenFile, join(out, 'NinjaTrader 8')], { cwd: out, stdio: ['pipe', 'pipe', 'pipe'] });
    harness = { code: null, output: [], steps: [] };
    child.stderr.on('data', (chunk: Buffer) => harness.output.push(`stderr: ${chunk.toString()}`));
    for await (const line of createInterface({ input: child.stdout })) {
      harness.output.push(line);
      const step = /^SYNC (\w+)$/.exec(line)?.[1];
      if (!step) continue;
      harness.steps.push(step);
      let answer = 'go';
      try {
        await steps[step]!();
      } catch (error) {
        answer = `fail: ${(error as Error).message.split('\n')[0]}`;
        harness.output.push(`sessionguard side of ${step}: ${(error as Error).message}`);
      }
      child.stdin.write(`${answer}\n`);
    }
    harness.code = await new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
    );
    console.log(`[ninjatrader8 harness]\n${harness.output.join('\n')}`);
  }, 120_000);

  afterAll(() => core?.close());

  test('every step ran: heartbeat, partial fills on two accounts, amend and remove, outbox and replay, breach', () => {
    expect(harness.steps).toEqual(['heartbeat', 'partials', 'corrections', 'stop', 'start', 'replayed', 'breach']);
  });

  test('every check of the harness and of Sessionguard’s side passed', () => {
    expect(harness.output.filter((l) => l.startsWith('FAIL') || l.startsWith('stderr') || l.startsWith('sessionguard side'))).toEqual([]);
    expect(harness.output.filter((l) => l.startsWith('PASS')).length).toBeGreaterThan(30);
    expect(harness.output.at(-1)).toBe('DONE failures=0');
    expect(harness.code).toBe(0);
  });
});
