// Types of after-pack.mjs for the packaging tests.
export interface FusesModule {
  FuseVersion: { V1: string | number };
  FuseV1Options: Record<string, string | number>;
  flipFuses(path: string, config: Record<string | number, unknown>): Promise<unknown>;
}
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number | string;
  packager: { appInfo: { productFilename: string }; executableName: string };
}
export function fuseConfig(fuses: FusesModule, platform: string, arch: string): Record<string | number, unknown>;
export function executablePath(context: PackContext): string;
export default function afterPack(context: PackContext, fuses?: FusesModule): Promise<void>;
