import type { Capabilities } from '../contract/views.ts';
import type { Core } from '../core/core.ts';
import type { Handlers } from '../ipc/handler-types.ts';
import { toIso } from '../time/clock.ts';

export type ProfileHandlers = Handlers<'getBootstrap' | 'createProfile' | 'updateProfile' | 'selectProfile'>;

export function profileHandlers(core: Core, capabilities: Capabilities): ProfileHandlers {
  return {
    getBootstrap: async () => ({
      profile: await core.profiles.current(),
      profiles: await core.profiles.list(),
      capabilities,
      now: toIso(core.clock.now()),
      systemTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }),
    createProfile: (request) => core.profiles.create(request),
    updateProfile: (request) => core.profiles.update(request),
    selectProfile: (request) => core.profiles.select(request.profileId),
  };
}
