import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

/**
 * Electron fuses for a packaged Sessionguard, flipped into the Electron binary after packaging
 * (`npm run fuses -- <path to the packaged executable>`, or an electron-builder/Forge
 * afterPack hook calling `applyFuses`). Every fuse is set explicitly, so an Electron upgrade
 * that adds one fails the flip until it is decided here. Why each is set: SECURITY.md.
 */
export const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect would let another process inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app code runs only from its own, integrity-checked asar archive.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The page is served from app://, so file:// needs none of its old extra powers.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
} satisfies FuseV1Config;

export function applyFuses(electronExecutable: string): Promise<number> {
  return flipFuses(electronExecutable, FUSES);
}

if (import.meta.main) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: npm run fuses -- <path to the packaged Sessionguard executable>');
    process.exitCode = 2;
  } else {
    await applyFuses(target);
    console.log(`fuses flipped in ${target}`);
  }
}
