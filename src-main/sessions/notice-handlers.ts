import type { Handlers } from '../ipc/handler-types.ts';
import type { BreachNotices } from './breach-notices.ts';

export type NoticeHandlers = Handlers<'getBreachNotice' | 'acknowledgeBreach'>;

export function noticeHandlers(notices: BreachNotices): NoticeHandlers {
  return {
    getBreachNotice: () => notices.current(),
    acknowledgeBreach: (request) => notices.acknowledge(request.sessionId),
  };
}
