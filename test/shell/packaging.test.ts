// #11 item 14: the packaging configuration as data (electron-builder cannot download Electron here):
// targets, what goes into the package, better-sqlite3 unpacked from ASAR, the fuses flipped in the
// afterPack hook, and the packaged app's refusal of development overrides.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../electron-builder.config.mjs';
import afterPack, { executablePath, fuseConfig } from '../../scripts/package/after-pack.mjs';
import { usePackagedBinding } from '../../src/main/electron/native-binding';

const FUSE_NAMES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
] as const;

/** A stand-in for @electron/fuses: its enums by name, and a flipFuses that records its call. */
function fakeFuses() {
  const names = FUSE_NAMES;
  const calls: [string, Record<string | number, unknown>][] = [];
  return {
    calls,
    FuseVersion: { V1: '1' },
    FuseV1Options: Object.fromEntries(names.map((n, i) => [n, i])) as Record<string, number>,
    flipFuses: async (path: string, cfg: Record<string | number, unknown>) => void calls.push([path, cfg]),
  };
}

const context = (platform: string, arch: number | string = 1) => ({
  appOutDir: '/out/app',
  electronPlatformName: platform,
  arch,
  packager: { appInfo: { productFilename: 'Callscope' }, executableName: 'callscope' },
});

describe('electron-builder configuration', () => {
  it('targets AppImage + deb, NSIS and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.afterPack).toBe('./scripts/package/after-pack.mjs');
  });

  it('packs the built app into ASAR, with better-sqlite3`s native module unpacked, and no sources or maps', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3/build/Release/*.node']);
    expect(config.files).toEqual(
      expect.arrayContaining(['out/**/*', 'package.json', '!**/*.map', '!node_modules/.callscope-electron/**']),
    );
    expect(config.files.some((f: string) => f.startsWith('src'))).toBe(false);
    expect(config.npmRebuild).toBe(true);
  });

  it('`npm run package` builds and packs with this file; the packages are pinned', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
    expect(pkg.scripts.package).toBe('electron-vite build && electron-builder --config electron-builder.config.mjs');
    expect(pkg.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.devDependencies['@electron/fuses']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('fuses (afterPack)', () => {
  it('turns off RunAsNode, NODE_OPTIONS and inspect arguments; turns on cookie encryption, ASAR integrity and ASAR-only', () => {
    const f = fakeFuses();
    const cfg = fuseConfig(f, 'linux', 'x64');
    const o = f.FuseV1Options as Record<(typeof FUSE_NAMES)[number], number>;
    expect(cfg).toEqual({
      version: '1',
      resetAdHocDarwinSignature: false,
      [o.RunAsNode]: false,
      [o.EnableCookieEncryption]: true,
      [o.EnableNodeOptionsEnvironmentVariable]: false,
      [o.EnableNodeCliInspectArguments]: false,
      [o.EnableEmbeddedAsarIntegrityValidation]: true,
      [o.OnlyLoadAppFromAsar]: true,
      [o.GrantFileProtocolExtraPrivileges]: false,
    });
    expect(fuseConfig(f, 'darwin', 'arm64').resetAdHocDarwinSignature).toBe(true);
  });

  it('flips the fuses of each platform`s executable', async () => {
    expect(executablePath(context('linux'))).toBe('/out/app/callscope');
    expect(executablePath(context('win32'))).toBe('/out/app/Callscope.exe');
    expect(executablePath(context('darwin'))).toBe('/out/app/Callscope.app/Contents/MacOS/Callscope');
    const f = fakeFuses();
    await afterPack(context('darwin', 3), f);
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]![0]).toBe('/out/app/Callscope.app/Contents/MacOS/Callscope');
    expect(f.calls[0]![1].resetAdHocDarwinSignature).toBe(true); // arch 3 = arm64
  });
});

describe('the packaged app ignores development overrides', () => {
  it('CALLSCOPE_SQLITE_BINDING from the environment is replaced by the unpacked build', () => {
    const env: NodeJS.ProcessEnv = { CALLSCOPE_SQLITE_BINDING: '/tmp/evil.node' };
    expect(usePackagedBinding('/opt/Callscope/resources', env, () => true)).toBeNull();
    expect(env.CALLSCOPE_SQLITE_BINDING).toBe(
      '/opt/Callscope/resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    );
    expect(usePackagedBinding('/r', {}, () => false)).toMatch(/packaged better-sqlite3 is missing/);
  });

  it('main reads ELECTRON_RENDERER_URL and the binding override only when not packaged', () => {
    const main = readFileSync(join(__dirname, '../../src/main/index.ts'), 'utf8');
    expect(main).toContain("const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;");
    expect(main).toMatch(/app\.isPackaged\s*\?\s*usePackagedBinding\(process\.resourcesPath\)/);
  });
});
