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
    throw new CliError(parseArgsMessage(err, argv));
  }
}

/**
 * Node's option-parsing errors in one line a user acts on: Node's own text ran over three lines
 * for `--limit -5`, missed a closing quote for an unknown option, and named `-d` for `-db`.
 */
export function parseArgsMessage(err: unknown, argv: readonly string[]): string {
  const e = err as { code?: string; message?: string };
  const message = e.message ?? String(err);
  const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message);
  if (ambiguous) {
    const name = ambiguous[1] ?? '';
    const value = argv[argv.indexOf(name) + 1] ?? '';
    return `${name} needs a value; a value that starts with "-" is written ${name}=${value || '-…'}`;
  }
  const missing = /^Option '(--[\w-]+)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value`;
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    // `-db`: a single dash before a long name (Node names only its first letter).
    const single = argv.find((a) => /^-[a-z]{2,}/i.test(a));
    const given = single ?? /^Unknown option '([^']+)'/.exec(message)?.[1] ?? '';
    const hint = single ? ` (long options take two dashes: -${single})` : '';
    return `unknown option ${given}${hint}; --help lists the options`;
  }
  return message.split('\n')[0] ?? message;
}
