import { useEffect, useState } from 'react';
import type { EarlyEndKind, EarlyEndView } from '../../../src-main/contract/views.ts';
import { call, errorData } from '../../api/window-api.ts';
import { formatInstant } from '../../format/time.ts';
import { Countdown } from '../Countdown.tsx';

interface Props {
  sessionId: number;
  kind: EarlyEndKind;
  /** The cool-off chosen at setup, when the caller knows it. */
  coolOffMinutes: number | null;
  timeZone: string;
  clockOffsetMs: number;
}

const WORDS = {
  stop: { ask: 'Ask to end the session early', confirm: 'End the session now', waiting: 'You asked to end the session early.' },
  shorten_lockout: { ask: 'Ask to end the lockout early', confirm: 'End the lockout now', waiting: 'You asked to end the lockout early.' },
} as const;

/**
 * Ending early the way the trader chose at setup: ask, wait out the cool-off (a countdown),
 * then confirm within the window; or cancel and keep the commitment. Never at once.
 */
export function EarlyEnd({ sessionId, kind, coolOffMinutes, timeZone, clockOffsetMs }: Props) {
  const [request, setRequest] = useState<EarlyEndView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);
  // A request made before a reload (or from the tray) is picked up again; the outcome comes back as events.
  useEffect(() => {
    call('getEarlyEnd', { sessionId })
      .then((r) => setRequest(r && r.kind === kind ? r : null))
      .catch(() => undefined);
  }, [sessionId, kind]);
  // The confirm button becomes usable when the cool-off ends: look again then.
  const confirmableAt = request?.confirmableAt ?? null;
  useEffect(() => {
    if (confirmableAt === null) return;
    const wait = Date.parse(confirmableAt) - (Date.now() - clockOffsetMs);
    if (wait <= 0) return;
    const timer = setTimeout(() => setTick((n) => n + 1), wait + 50);
    return () => clearTimeout(timer);
  }, [confirmableAt, clockOffsetMs]);

  const act = async (work: () => Promise<EarlyEndView>) => {
    try {
      const next = await work();
      setRequest(next.outcome === null ? next : null);
      setError(next.outcome === 'lapsed' ? 'The request lapsed: it was not confirmed in time. Ask again to start a new cool-off.' : null);
    } catch (e) {
      setError(errorData(e).message);
    }
  };
  const words = WORDS[kind];
  if (!request) {
    return (
      <div className="early-end" data-testid={`early-end-${kind}`}>
        <button type="button" onClick={() => void act(() => call('requestEarlyEnd', { sessionId, kind }))}>
          {words.ask}
        </button>
        {coolOffMinutes !== null && <span className="muted"> You chose to wait {coolOffMinutes} minutes, then confirm.</span>}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  }
  const ready = Date.now() - clockOffsetMs >= Date.parse(request.confirmableAt);
  return (
    <div className="early-end card" data-testid={`early-end-${kind}`} role="status">
      <p>{words.waiting}</p>
      {ready ? (
        <p>The cool-off is over. Confirm before {formatInstant(request.expiresAt, timeZone, 'time')}, or the request lapses.</p>
      ) : (
        <div>
          <div className="label">Cool-off left</div>
          <Countdown deadline={request.confirmableAt} clockOffsetMs={clockOffsetMs} />
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={() => void act(() => call('cancelEarlyEnd', { requestId: request.id }))}>
          Keep my commitment
        </button>
        <button type="button" className="danger" disabled={!ready} onClick={() => void act(() => call('confirmEarlyEnd', { requestId: request.id }))}>
          {words.confirm}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
