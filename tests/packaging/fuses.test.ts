import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { expect, test } from 'vitest';
import { applyFuses, FUSES } from '../../electron-fuses.config.ts';
import { tempDir } from '../support/temp-storage.ts';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_COUNT = Object.values(FuseV1Options).filter((v) => typeof v === 'number').length;

/** Bytes laid out as in an Electron executable: code, the fuse sentinel, version 1, the wire, more code. */
function fakeExecutable(wireLength: number): string {
  const file = join(tempDir(), 'Sessionguard');
  const wire = Buffer.alloc(wireLength, FuseState.ENABLE);
  writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 0xcc), Buffer.from(SENTINEL), Buffer.from([1, wireLength]), wire, Buffer.alloc(4096, 0xcc)]));
  return file;
}

test('every fuse Electron knows is decided, with the hardening SECURITY.md lists', () => {
  expect(FUSES.strictlyRequireAllFuses).toBe(true);
  const decided = Object.keys(FUSES).filter((k) => /^\d+$/.test(k));
  expect(decided).toHaveLength(FUSE_COUNT);
  expect(FUSES).toMatchObject({
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
  });
});

test('flipping a packaged executable writes exactly the declared fuses and nothing else', async () => {
  const file = fakeExecutable(FUSE_COUNT);
  const before = readFileSync(file);
  await applyFuses(file);
  const wire = await getCurrentFuseWire(file);
  for (let i = 0; i < FUSE_COUNT; i++)
    expect(wire[i as FuseV1Options], FuseV1Options[i]).toBe(FUSES[i as FuseV1Options] ? FuseState.ENABLE : FuseState.DISABLE);
  const after = readFileSync(file);
  const wireStart = 4096 + SENTINEL.length + 2;
  expect(after.subarray(0, wireStart).equals(before.subarray(0, wireStart))).toBe(true);
  expect(after.subarray(wireStart + FUSE_COUNT).equals(before.subarray(wireStart + FUSE_COUNT))).toBe(true);
});

test('an Electron with a fuse this config has not decided is refused and left untouched', async () => {
  const file = fakeExecutable(FUSE_COUNT + 1);
  const before = readFileSync(file);
  await expect(applyFuses(file)).rejects.toThrow(/strictlyRequireAllFuses/);
  expect(readFileSync(file).equals(before)).toBe(true);
});
