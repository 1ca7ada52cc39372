// electron-builder afterPack hook: flips Electron's fuses in the packed app's executable, before
// signing (flipping after would break the signature). Fuses are read-only switches compiled into the
// Electron binary: what they turn off cannot be turned back on by the environment or the command line.
import { join } from 'node:path';

/** The fuses of a packaged Callscope: `fuses` is the @electron/fuses module. */
export function fuseConfig(fuses, platform, arch) {
  const { FuseVersion, FuseV1Options } = fuses;
  return {
    version: FuseVersion.V1,
    // arm64 macOS refuses to run an unsigned binary: re-sign ad hoc after flipping (real signing follows).
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
    // The binary cannot be started as plain Node (ELECTRON_RUN_AS_NODE) to run arbitrary scripts.
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    // NODE_OPTIONS and --inspect / --inspect-brk / --remote-debugging-port arguments are ignored.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // app.asar is checked against the hash recorded at build time; the app loads only from it.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** Where electron-builder put the app's executable for this platform. */
export function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return join(appOutDir, `${name}.app`, 'Contents', 'MacOS', name);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName);
}

const ARCHS = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** The hook; `fuses` is for tests (a fake of @electron/fuses). */
export default async function afterPack(context, fuses) {
  const mod = fuses ?? (await import('@electron/fuses'));
  const arch = typeof context.arch === 'number' ? ARCHS[context.arch] : context.arch;
  await mod.flipFuses(executablePath(context), fuseConfig(mod, context.electronPlatformName, arch));
}
