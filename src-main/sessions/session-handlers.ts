import type { Handlers } from '../ipc/handler-types.ts';
import type { SessionService } from './session-service.ts';

export type SessionHandlers = Handlers<
  | 'validateSession'
  | 'canCreateSession'
  | 'createSession'
  | 'startSession'
  | 'stopSession'
  | 'cancelSession'
  | 'getActiveSession'
  | 'requestEarlyEnd'
  | 'confirmEarlyEnd'
  | 'cancelEarlyEnd'
  | 'getEarlyEnd'
>;

export function sessionHandlers(sessions: SessionService): SessionHandlers {
  return {
    validateSession: (request) => sessions.validate(request),
    canCreateSession: () => sessions.canCreate(),
    createSession: (request) => sessions.create(request),
    startSession: (request) => sessions.start(request.sessionId),
    stopSession: (request) => sessions.stop(request.sessionId),
    cancelSession: (request) => sessions.cancel(request.sessionId),
    getActiveSession: () => sessions.getActiveData(),
    requestEarlyEnd: (request) => sessions.requestEarlyEnd(request.sessionId, request.kind),
    confirmEarlyEnd: (request) => sessions.confirmEarlyEnd(request.requestId),
    cancelEarlyEnd: (request) => sessions.cancelEarlyEnd(request.requestId),
    getEarlyEnd: (request) => sessions.getEarlyEnd(request.sessionId),
  };
}
