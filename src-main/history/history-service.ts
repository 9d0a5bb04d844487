import type { ParsedRequestOf } from '../contract/channels.ts';
import type { DailyPnlView, HistoryPage, Overview, PnlSummary, SessionDetail, TradesPage } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import { findActiveProfile } from '../profiles/profile-repository.ts';
import { findSession, listSessionEvents, rowToSession } from '../sessions/session-repository.ts';
import type { Storage } from '../storage/connection.ts';
import type { ProfileRow } from '../storage/tables.ts';
import type { Clock } from '../time/clock.ts';
import { tradesPage } from '../trades/trade-queries.ts';
import { listTradesOfSession, rowToTrade } from '../trades/trade-repository.ts';
import { dailyPnl, pnlSummary } from './daily-pnl.ts';
import { historyPage } from './history-queries.ts';
import { overview } from './overview.ts';
import { equityCurve, sessionStats } from './session-stats.ts';

/** Read-only views of the record: it only ever takes the read handle. */
export class HistoryService {
  private readonly deps: { storage: Pick<Storage, 'read'>; clock: Clock };

  constructor(deps: { storage: Pick<Storage, 'read'>; clock: Clock }) {
    this.deps = deps;
  }

  async page(request: ParsedRequestOf<'getHistory'>): Promise<HistoryPage> {
    const profile = await this.profile();
    return historyPage(this.deps.storage.read, profile.id, request);
  }

  /** Every trade of the profile, in or outside a session. */
  async trades(request: ParsedRequestOf<'listTrades'>): Promise<TradesPage> {
    const profile = await this.profile();
    return tradesPage(this.deps.storage.read, profile.id, request);
  }

  async dailyPnl(month: string): Promise<DailyPnlView> {
    return dailyPnl(this.deps.storage.read, await this.profile(), month);
  }

  async pnlSummary(): Promise<PnlSummary> {
    return pnlSummary(this.deps.storage.read, await this.profile(), this.deps.clock.now());
  }

  async detail(sessionId: number): Promise<SessionDetail> {
    const db = this.deps.storage.read;
    const profile = await this.profile();
    const session = await findSession(db, sessionId);
    if (!session || session.userId !== profile.id) throw new AppError('not_found', `Session ${sessionId} does not exist.`);
    const trades = await listTradesOfSession(db, sessionId);
    return {
      session: rowToSession(session),
      stats: sessionStats(trades),
      equityCurve: equityCurve(trades, session.startTime),
      trades: trades.map(rowToTrade).reverse(),
      events: await listSessionEvents(db, sessionId),
    };
  }

  async overview(request: ParsedRequestOf<'getOverview'>): Promise<Overview> {
    const profile = await this.profile();
    return overview(this.deps.storage.read, profile, request);
  }

  private async profile(): Promise<ProfileRow> {
    const profile = await findActiveProfile(this.deps.storage.read);
    if (!profile) throw new AppError('no_profile', 'Create a profile first.');
    return profile;
  }
}
