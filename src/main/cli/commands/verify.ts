// `callscope verify --db <path>`: SQLite integrity check plus every import's
// counts and row digests checked against the stored rows. Exit 1 on any mismatch.
import { verifyArchive } from '../../store/verify';
import { parseCliArgs, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { DB_OPTION, num, openForCli, requireDb } from './archive-common';

export const verifyCommand: Command = {
  usage: 'verify --db <path>',
  summary: "Checks the archive: SQLite integrity, and every import's row counts and digests against the stored rows.",
  async run(argv) {
    const { values } = parseCliArgs(argv, DB_OPTION, false);
    const db = requireDb(values.db);
    const archive = openForCli(db, { readonly: true });
    try {
      const report = verifyArchive(archive.db);
      for (const line of report.passed) process.stdout.write(`ok    ${line}\n`);
      for (const line of report.problems) process.stdout.write(`FAIL  ${line}\n`);
      const t = report.totals;
      process.stdout.write(
        `${report.ok ? 'archive verified' : 'ARCHIVE DOES NOT VERIFY'}: ${num(t.imports)} imports, ${num(t.read)} rows read = ` +
          `${num(t.used)} used + ${num(t.kept)} kept + ${num(t.rejected)} rejected; ${num(t.calls)} calls\n`,
      );
      return report.ok ? EXIT.ok : EXIT.failed;
    } finally {
      archive.close();
    }
  },
};
