// Types of ./import-malloc.mjs, for the TypeScript that uses it (the bench's import child, the tests).
export const IMPORT_MALLOC: Readonly<Record<'MALLOC_MMAP_THRESHOLD_', string>>;
export const IMPORTING_COMMANDS: Set<string>;
export function importMallocEnv(
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
  platform?: NodeJS.Platform,
): NodeJS.ProcessEnv | null;
export function withImportMalloc(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function relaunch(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  node?: string,
  execArgv?: readonly string[],
): Promise<{ code: number } | { signal: NodeJS.Signals }>;
export function endAsRelaunched(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  node?: string,
  execArgv?: readonly string[],
): Promise<void>;
