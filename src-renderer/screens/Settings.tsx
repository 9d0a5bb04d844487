import type { ProfileView } from '../../src-main/contract/views.ts';
import { ConnectorsCard } from './settings/ConnectorsCard.tsx';
import { DailyLimitCard } from './settings/DailyLimitCard.tsx';
import { DataSettings } from './settings/DataSettings.tsx';
import { FeedSettings } from './settings/FeedSettings.tsx';
import { PointValueSettings } from './settings/PointValueSettings.tsx';
import { ProfileSettings } from './settings/ProfileSettings.tsx';
import { WatchedFolderSettings } from './settings/WatchedFolderSettings.tsx';

/** Settings: one card per area, each in its own file under settings/. */
export function Settings({ profile }: { profile: ProfileView }) {
  return (
    <section className="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <ProfileSettings profile={profile} />
      <DailyLimitCard profile={profile} />
      <FeedSettings />
      <ConnectorsCard timeZone={profile.timeZone} />
      <WatchedFolderSettings timeZone={profile.timeZone} />
      <PointValueSettings />
      <DataSettings timeZone={profile.timeZone} />
    </section>
  );
}
