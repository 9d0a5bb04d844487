import type { Capabilities } from '../contract/views.ts';
import type { Handlers } from '../ipc/handler-types.ts';
import { toIso, type Clock } from '../time/clock.ts';
import type { ProfileService } from './profile-service.ts';

export type ProfileHandlers = Handlers<'getBootstrap' | 'createProfile' | 'updateProfile' | 'selectProfile'>;

export function profileHandlers(profiles: ProfileService, clock: Clock, capabilities: Capabilities): ProfileHandlers {
  return {
    getBootstrap: async () => ({
      profile: await profiles.current(),
      profiles: await profiles.list(),
      capabilities,
      now: toIso(clock.now()),
      systemTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }),
    createProfile: (request) => profiles.create(request),
    updateProfile: (request) => profiles.update(request),
    selectProfile: (request) => profiles.select(request.profileId),
  };
}
