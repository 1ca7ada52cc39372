import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT, type ExitCode } from './exit-codes';

export interface Command {
  /** e.g. "convert <files...> [--tz Europe/Oslo]" */
  usage: string;
  summary: string;
  /** Returns the process exit code. Throw CliError for user errors. */
  run(argv: string[]): Promise<number>;
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
