/**
 * A child process that records trades through the real recording path as fast as it can and
 * prints each trade's external id only after its transaction committed. The parent kills it
 * with SIGKILL at a random moment; whatever was printed must survive.
 * Usage: node crash-child.ts DATA_DIR SEED
 */
import { openCore } from '../../src-main/app/core.ts';
import { Decimal } from '../../src-main/money/money.ts';

const [dataDir, seedText] = process.argv.slice(2);
let seed = Number(seedText);
const random = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const core = await openCore({ dataDir: dataDir! });
process.stdout.write('ready\n');
for (let i = 0; ; i += 1) {
  const externalId = `${seedText}-${i}`;
  const cents = Math.floor(random() * 20000) - 11000;
  await core.trades.record([{ source: 'feed', externalId, fees: new Decimal(0), realizedPnl: new Decimal(cents).dividedBy(100), closedAt: core.clock.now() }]);
  process.stdout.write(`ack ${externalId}\n`);
  if (random() < 0.02 && (await core.sessions.getActiveData()) === null) {
    const can = await core.sessions.canCreate();
    if (can.allowed) await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'amount', amount: '500.00' }, acknowledgeRisk: true, start: true });
  }
}
