// The one table of exit codes of the `callscope` command. Every command returns
// one of these (never a literal number); `callscope help`, each command's
// `--help` and the README print the same table (test/archive/exit-codes.test.ts).

export const EXIT = {
  /** Everything asked was done (an import's files imported or already imported; the archive verified). */
  ok: 0,
  /** The work failed: a file refused or rolled back, `verify` found a problem, the archive cannot be used. */
  failed: 1,
  /** Bad usage or unreadable input: an unknown option, a missing argument, a file that cannot be read. */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODE_TABLE: readonly { code: ExitCode; meaning: string }[] = [
  { code: EXIT.ok, meaning: 'success: every file imported or already imported; the archive verified' },
  {
    code: EXIT.failed,
    meaning:
      'the work failed: a file was refused or rolled back, verify found a problem, or the archive cannot be used (damaged, newer, locked, not an archive)',
  },
  {
    code: EXIT.usage,
    meaning:
      'bad usage or unreadable input: an unknown option or missing argument, an input file that is missing, unreadable, a directory or a symlink loop',
  },
];

/** The table as printed by `callscope help` and `<command> --help`. */
export function exitCodeHelp(): string {
  return `Exit codes:\n${EXIT_CODE_TABLE.map((e) => `  ${e.code}  ${e.meaning}`).join('\n')}\n`;
}
