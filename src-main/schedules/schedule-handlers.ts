import type { Handlers } from '../ipc/handler-types.ts';
import type { ScheduleService } from './schedule-service.ts';

export type ScheduleHandlers = Handlers<'listSchedules' | 'saveSchedule' | 'deleteSchedule'>;

export function scheduleHandlers(schedules: ScheduleService): ScheduleHandlers {
  return {
    listSchedules: () => schedules.list(),
    saveSchedule: (request) => schedules.save(request),
    deleteSchedule: (request) => schedules.remove(request.scheduleId),
  };
}
