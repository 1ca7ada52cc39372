// Entry of the `callscope` command: dispatches to one module per sub-command.
// Every failure a user can cause ends as a one-line message and an exit code of
// the one table in exit-codes.ts, never a stack trace (set CALLSCOPE_DEBUG=1 to see one).

import { CliError, type CliHost, type Command } from './command';
import { commands } from './commands';
import { EXIT, exitCodeHelp } from './exit-codes';
import { firstLine } from '../../shared/text/first-line';
import { explain } from '../store/errors';

async function usage(): Promise<string> {
  const all = await Promise.all(Object.values(commands).map((load) => load()));
  const lines = all.map((c) => `  callscope ${c.usage}\n      ${c.summary}`);
  return `Usage:\n${lines.join('\n')}\n\n${exitCodeHelp()}`;
}

export async function main(argv: string[], host: CliHost = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(await usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`callscope: unknown command "${name}"\n${await usage()}`);
    return EXIT.usage;
  }
  const command: Command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`Usage:\n  callscope ${command.usage}\n      ${command.summary}\n\n${exitCodeHelp()}`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, host);
  } catch (err) {
    if (process.env.CALLSCOPE_DEBUG) console.error(err);
    // An SQLite error that got this far is the archive's (damaged, locked, a full disk), not the
    // user's usage: said as the store says it, exit 1 (verify --deep of a damaged archive said
    // "database disk image is malformed" and exit 2).
    const fromArchive = isSqliteError(err);
    process.stderr.write(`callscope ${name}: ${fromArchive ? explain(err, 'the archive').message : firstLine(err)}\n`);
    if (err instanceof CliError) return err.exitCode;
    return fromArchive ? EXIT.failed : EXIT.usage;
  }
}

function isSqliteError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}
