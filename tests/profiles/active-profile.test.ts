import { expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import { findActiveProfile } from '../../src-main/profiles/profile-repository.ts';
import { tempDir } from '../support/temp-storage.ts';

test('the app acts for the profile chosen last, and for the first one created once the chosen one is gone', async () => {
  const core = await openCore({ dataDir: tempDir() });
  const active = async () => (await findActiveProfile(core.storage.read))?.name;
  expect(await active()).toBeUndefined();
  const first = await core.profiles.create({ name: 'First', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
  await core.profiles.create({ name: 'Second', currency: 'EUR', balance: '2000.00', timeZone: 'UTC' });
  expect(await active()).toBe('Second');
  await core.profiles.select(first.id);
  expect(await active()).toBe('First');
  core.storage.sqlite.prepare(`UPDATE setting SET value = '999' WHERE key = 'activeProfileId'`).run();
  expect(await active()).toBe('First');
  core.storage.sqlite.prepare(`DELETE FROM setting WHERE key = 'activeProfileId'`).run();
  expect(await active()).toBe('First');
  await core.close();
});
