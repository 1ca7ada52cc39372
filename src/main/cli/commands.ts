// The sub-command registry. Each command lives in its own module under ./commands.
import type { Command } from './command';

export const commands: Record<string, Command> = {};
