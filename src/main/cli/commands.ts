// The sub-command registry. Each command lives in its own module under ./commands.
import type { Command } from './command';
import { benchCommand } from './commands/bench';
import { convertCommand } from './commands/convert';
import { importCommand } from './commands/import';
import { importsCommand } from './commands/imports';
import { searchCommand } from './commands/search';
import { showCommand } from './commands/show';
import { verifyCommand } from './commands/verify';
import { serveCommand } from './commands/serve';
import { simulateCommand } from './commands/simulate';
import { demoCommand } from './commands/demo';
import { statsCommand } from './commands/stats';
import { exportCommand } from './commands/search-export';
import { evidenceCommand } from './commands/evidence';
import { noteCommand } from './commands/note';
import { tagCommand } from './commands/tag';
import { reviewCommand } from './commands/review';
import { logCommand } from './commands/log';
import { eraseCommand } from './commands/erase';

export const commands: Record<string, Command> = {
  bench: benchCommand,
  convert: convertCommand,
  import: importCommand,
  search: searchCommand,
  show: showCommand,
  imports: importsCommand,
  verify: verifyCommand,
  serve: serveCommand,
  simulate: simulateCommand,
  demo: demoCommand,
  stats: statsCommand,
  export: exportCommand,
  evidence: evidenceCommand,
  note: noteCommand,
  tag: tagCommand,
  review: reviewCommand,
  log: logCommand,
  erase: eraseCommand,
};
