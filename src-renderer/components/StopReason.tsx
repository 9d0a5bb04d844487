const LABELS: Record<string, string> = {
  loss_limit: 'The loss limit',
  manual: 'You stopped it',
  time_limit: 'Its time ran out',
  not_started: 'It was never started',
  trailing_drawdown: 'The trailing drawdown',
  profit_target: 'The profit target',
  trade_cap: 'The trade cap',
  losing_streak: 'The losing streak',
  daily_loss_limit: 'The daily loss limit',
};

/**
 * What ended a session: its termination reason, named, and a sentence about it. Any rule's
 * reason can be shown; one without a name here is spelled out from its code.
 */
export function StopReason({ reason, message }: { reason: string; message: string }) {
  return (
    <div className="stop-reason" data-testid="stop-reason" data-reason={reason}>
      <div className="label">What ended it</div>
      <strong>{LABELS[reason] ?? reason.replaceAll('_', ' ')}</strong>
      <span>{message}</span>
    </div>
  );
}
