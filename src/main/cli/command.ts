import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT, type ExitCode } from './exit-codes';
import type { ImportWorkerEntry } from '../import/run-import';

/**
 * What the program running a command gives it. bin/callscope.mjs gives nothing: the defaults. A host
 * that runs commands in its own process (the tests) passes the worker entry it already has, so a
 * command's threads (the import thread, a read pool's lanes, the upgrade) do not start through tsx.
 */
export interface CliHost {
  /** Entry of the worker threads a command starts; default: the TypeScript source through tsx. */
  worker?: ImportWorkerEntry;
}

export interface Command {
  /** e.g. "convert <files...> [--tz Europe/Oslo]" */
  usage: string;
  summary: string;
  /** Returns the process exit code. Throw CliError for user errors. */
  run(argv: string[], host?: CliHost): Promise<number>;
}

/** A failure the user can act on: printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.usage,
  ) {
    super(message);
  }
}

/** node:util parseArgs, with its errors turned into one-line CLI errors. */
export function parseCliArgs<T extends ParseArgsConfig['options']>(
  argv: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}
