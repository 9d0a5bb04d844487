import type { ParsedRequestOf } from '../contract/channels.ts';
import type { DailyPnlView, DisciplineReport, HistoryPage, Overview, PnlSummary, SessionDetail, TradesPage } from '../contract/views.ts';
import { requireActiveProfile } from '../profiles/profile-repository.ts';
import { listSessionEvents, requireSessionOf, rowToSession } from '../sessions/session-repository.ts';
import type { Storage } from '../storage/connection.ts';
import type { ProfileRow } from '../storage/tables.ts';
import { tradesPage } from '../trades/trade-queries.ts';
import { listTradesOfSession, rowToTrade } from '../trades/trade-repository.ts';
import { aftermathView, warningAftermaths } from './after-warning.ts';
import { dailyPnl, pnlSummary } from './daily-pnl.ts';
import { disciplineReport } from './discipline.ts';
import { historyPage } from './history-queries.ts';
import { overview } from './overview.ts';
import { sessionReview } from './session-stats.ts';

/** Read-only views of the record: it only ever takes the read handle. */
export class HistoryService {
  private readonly deps: { storage: Pick<Storage, 'read'> };

  constructor(deps: { storage: Pick<Storage, 'read'> }) {
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

  /** Today's and this week's realized P&L, the days as they fall in the profile's zone at `now`. */
  async pnlSummary(now: number): Promise<PnlSummary> {
    return pnlSummary(this.deps.storage.read, await this.profile(), now);
  }

  async detail(sessionId: number): Promise<SessionDetail> {
    const db = this.deps.storage.read;
    const session = await requireSessionOf(db, (await this.profile()).id, sessionId);
    const trades = await listTradesOfSession(db, sessionId);
    return {
      session: rowToSession(session),
      ...sessionReview(trades, session.startTime),
      trades: trades.map(rowToTrade).reverse(),
      events: await listSessionEvents(db, sessionId),
      afterWarnings: (await warningAftermaths(db, { sessionId })).map(aftermathView),
    };
  }

  async overview(request: ParsedRequestOf<'getOverview'>): Promise<Overview> {
    const profile = await this.profile();
    return overview(this.deps.storage.read, profile, request);
  }

  async discipline(request: ParsedRequestOf<'getDiscipline'>): Promise<DisciplineReport> {
    const profile = await this.profile();
    return disciplineReport(this.deps.storage.read, profile.id, {
      from: request.from === undefined ? undefined : Date.parse(request.from),
      to: request.to === undefined ? undefined : Date.parse(request.to),
    });
  }

  private profile(): Promise<ProfileRow> {
    return requireActiveProfile(this.deps.storage.read);
  }
}
