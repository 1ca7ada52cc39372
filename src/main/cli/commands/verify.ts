// `callscope verify --db <path> [--deep]`: SQLite integrity check plus every import's counts and row
// digests checked against the stored rows; --deep also derives every call again from its stored rows
// and compares it with what the archive shows. Exit 1 on any finding.
import { SqliteArchiveApi } from '../../api/sqlite-archive-api';
import { verifyArchive } from '../../store/verify';
import { deepVerify } from '../../verify/deep-verify';
import { parseCliArgs, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { DB_OPTION, num, openForCli, requireDb } from './archive-common';

export const verifyCommand: Command = {
  usage: 'verify --db <path> [--deep]',
  summary:
    "Checks the archive: SQLite integrity, every import's row counts and digests against the stored rows; --deep derives every call again and compares it with the stored call, events and free text.",
  async run(argv) {
    const { values } = parseCliArgs(argv, { ...DB_OPTION, deep: { type: 'boolean', default: false } }, false);
    const db = requireDb(values.db);
    const archive = openForCli(db, { readonly: true });
    try {
      const report = verifyArchive(archive.db);
      for (const line of report.passed) process.stdout.write(`ok    ${line}\n`);
      for (const line of report.problems) process.stdout.write(`FAIL  ${line}\n`);
      let ok = report.ok;
      if (values.deep) ok = (await deep(archive)) && ok;
      const t = report.totals;
      process.stdout.write(
        `${ok ? 'archive verified' : 'ARCHIVE DOES NOT VERIFY'}: ${num(t.imports)} imports, ${num(t.read)} rows read = ` +
          `${num(t.used)} used + ${num(t.kept)} kept + ${num(t.rejected)} rejected; ${num(t.calls)} calls\n`,
      );
      return ok ? EXIT.ok : EXIT.failed;
    } finally {
      archive.close();
    }
  },
};

async function deep(archive: ReturnType<typeof openForCli>): Promise<boolean> {
  const api = new SqliteArchiveApi(archive);
  const tty = Boolean(process.stderr.isTTY);
  const started = Date.now();
  let lastDraw = 0;
  const r = await deepVerify(archive.db, api, {
    onProgress: (p) => {
      if (!tty || Date.now() - lastDraw < 200) return;
      lastDraw = Date.now();
      process.stderr.write(
        `\rverify --deep: ${num(p.done)} of ${num(p.total)} calls, ${num(p.differences)} difference(s)\x1b[K`,
      );
    },
  });
  if (tty) process.stderr.write('\r\x1b[K');
  for (const d of r.differences) process.stdout.write(`FAIL  ${d}\n`);
  if (r.moreDifferences) process.stdout.write(`FAIL  … and ${num(r.moreDifferences)} more difference(s)\n`);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const line = `every call derived again from its stored rows: ${num(r.calls)} calls compared (contract, calls row, events, free text)${r.storedAsDelivered ? `, ${num(r.storedAsDelivered)} other-platform calls stored as delivered` : ''} in ${secs} s`;
  process.stdout.write(
    r.ok
      ? `ok    ${line}: no difference\n`
      : `FAIL  ${line}: ${num(r.differences.length + r.moreDifferences)} difference(s)\n`,
  );
  return r.ok;
}
