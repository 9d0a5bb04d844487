import type { Core } from '../core/core.ts';
import type { Handlers } from '../ipc/handler-types.ts';

export type SessionHandlers = Handlers<'validateSession' | 'canCreateSession' | 'createSession' | 'startSession' | 'stopSession' | 'getActiveSession'>;

export function sessionHandlers(core: Core): SessionHandlers {
  return {
    validateSession: (request) => core.sessions.validate(request),
    canCreateSession: () => core.sessions.canCreate(),
    createSession: (request) => core.sessions.create(request),
    startSession: (request) => core.sessions.start(request.sessionId),
    stopSession: (request) => core.sessions.stop(request.sessionId),
    getActiveSession: () => core.sessions.getActiveData(),
  };
}
