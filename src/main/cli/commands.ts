// The sub-command registry. Each command lives in its own module under ./commands.
import type { Command } from './command';
import { benchCommand } from './commands/bench';
import { convertCommand } from './commands/convert';

export const commands: Record<string, Command> = {
  bench: benchCommand,
  convert: convertCommand,
};
