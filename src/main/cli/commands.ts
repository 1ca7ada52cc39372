// The sub-command registry. Each command lives in its own module under ./commands, loaded only
// when it runs (or for the full help): a command pays for its own modules, not for every other
// command's (exceljs, echarts, the bench; about 0.6 s of loading per start under tsx).
import type { Command } from './command';

export const commands: Record<string, () => Promise<Command>> = {
  bench: async () => (await import('./commands/bench')).benchCommand,
  convert: async () => (await import('./commands/convert')).convertCommand,
  import: async () => (await import('./commands/import')).importCommand,
  search: async () => (await import('./commands/search')).searchCommand,
  show: async () => (await import('./commands/show')).showCommand,
  imports: async () => (await import('./commands/imports')).importsCommand,
  verify: async () => (await import('./commands/verify')).verifyCommand,
  serve: async () => (await import('./commands/serve')).serveCommand,
  simulate: async () => (await import('./commands/simulate')).simulateCommand,
  demo: async () => (await import('./commands/demo')).demoCommand,
  stats: async () => (await import('./commands/stats')).statsCommand,
  export: async () => (await import('./commands/search-export')).exportCommand,
  evidence: async () => (await import('./commands/evidence')).evidenceCommand,
  note: async () => (await import('./commands/note')).noteCommand,
  tag: async () => (await import('./commands/tag')).tagCommand,
  review: async () => (await import('./commands/review')).reviewCommand,
  log: async () => (await import('./commands/log')).logCommand,
  erase: async () => (await import('./commands/erase')).eraseCommand,
};
