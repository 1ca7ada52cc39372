// Entry of the `callscope` command: dispatches to one module per sub-command.
// Every failure a user can cause ends as a one-line message and an exit code of
// the one table in exit-codes.ts, never a stack trace (set CALLSCOPE_DEBUG=1 to see one).

import { CliError, type Command } from './command';
import { commands } from './commands';
import { EXIT, exitCodeHelp } from './exit-codes';
import { firstLine } from '../../shared/text/first-line';

function usage(): string {
  const lines = Object.values(commands).map((c) => `  callscope ${c.usage}\n      ${c.summary}`);
  return `Usage:\n${lines.join('\n')}\n\n${exitCodeHelp()}`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command: Command | undefined = commands[name];
  if (!command) {
    process.stderr.write(`callscope: unknown command "${name}"\n${usage()}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`Usage:\n  callscope ${command.usage}\n      ${command.summary}\n\n${exitCodeHelp()}`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (process.env.CALLSCOPE_DEBUG) console.error(err);
    process.stderr.write(`callscope ${name}: ${firstLine(err)}\n`);
    return err instanceof CliError ? err.exitCode : EXIT.usage;
  }
}
