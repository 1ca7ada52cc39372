// `callscope evidence <callId> --db <path> --out <file.html|file.pdf> [--tz Zone] [--lang en|da]`:
// the evidence pack of one call (docs/evidence.md). HTML everywhere; PDF where a
// Chromium is installed. `--check <file.html>` tells whether a pack's footer hash still holds.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { SqliteArchiveApi } from '../../api/sqlite-archive-api';
import { packContent, packStatedHash } from '../../../shared/evidence';
import { makeEvidencePack, sha256Hex } from '../../evidence/make-pack';
import { htmlToPdf, NoPdfRenderer } from '../../evidence/pdf';
import { CliError, parseCliArgs, type Command } from '../command';
import { apiCall, checkZone, DB_OPTION, openForCli, requireDb } from './archive-common';
import { firstLine } from '../../../shared/text/first-line';
import { exportTarget, ExportTargetError } from '../../export/export-target';
import { EXIT } from '../exit-codes';
import { recordTakeaway } from './takeaway-log';
import { evidenceEntry } from '../../evidence/evidence-entry';

function checkPack(file: string): number {
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  // A pack printed to PDF carries the HTML pack's content hash as text: nothing in the PDF recomputes it.
  if (html.startsWith('%PDF-'))
    throw new CliError(
      `${file} is a PDF: its content hash is the HTML pack's and cannot be recomputed from the PDF; ` +
        "check the HTML pack, or compare the PDF's SHA-256 with its evidence entry in `callscope log`",
      1,
    );
  const content = packContent(html);
  const stated = packStatedHash(html);
  if (content === null || stated === null)
    throw new CliError(`${file} is not a Callscope evidence pack (no content markers or footer hash)`, 1);
  const actual = sha256Hex(content);
  if (actual !== stated) {
    process.stderr.write(`MISMATCH ${file}: footer says ${stated}, content hashes to ${actual}\n`);
    return 1;
  }
  process.stdout.write(`OK ${file}: content SHA-256 ${actual} matches the footer\n`);
  return 0;
}

export const evidenceCommand: Command = {
  usage:
    'evidence <callId> --db <path> --out <file.html|file.pdf> [--tz Zone] [--lang en|da] | evidence --check <file.html>',
  summary:
    'Writes the evidence pack of one call (chart, events, every raw row, file hashes, content SHA-256) as HTML or PDF; --check verifies a pack.',
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, {
      ...DB_OPTION,
      out: { type: 'string' },
      tz: { type: 'string' },
      lang: { type: 'string' },
      check: { type: 'string' },
    });
    if (values.check) return checkPack(values.check);
    const db = requireDb(values.db);
    const callId = positionals[0];
    if (!callId || positionals.length > 1)
      throw new CliError(
        'give exactly one call id: callscope evidence <callId> --db <path> --out <file.html|file.pdf>',
      );
    if (!values.out) throw new CliError('--out <file.html|file.pdf> is required');
    const ext = extname(values.out).toLowerCase();
    if (ext !== '.html' && ext !== '.htm' && ext !== '.pdf')
      throw new CliError(`--out must end in .html or .pdf (got ${values.out})`);
    const lang = values.lang ?? 'en';
    if (lang !== 'en' && lang !== 'da') throw new CliError(`--lang must be en or da (got ${lang})`);
    const archive = openForCli(db, { readonly: true });
    try {
      const api = new SqliteArchiveApi(archive);
      const pack = await apiCall(async () => {
        try {
          return await makeEvidencePack(api, callId, { timeZone: checkZone(values.tz), locale: lang });
        } catch (err) {
          if (err instanceof RangeError) throw new CliError(err.message);
          throw err;
        }
      });
      if (!pack) throw new CliError(`no call ${callId} in ${db}`, 1);
      let bytes: Buffer | string = pack.html;
      if (ext === '.pdf') {
        try {
          bytes = await htmlToPdf(pack.html);
        } catch (err) {
          if (err instanceof NoPdfRenderer) throw new CliError(err.message, 1);
          throw new CliError(`could not print the PDF: ${firstLine(err)}`, 1);
        }
      }
      try {
        // exportTarget: a link is written through, a folder or device refused, a missing folder said in words.
        writeFileSync(exportTarget(values.out), bytes);
      } catch (err) {
        if (err instanceof ExportTargetError) throw new CliError(err.message, EXIT.usage);
        throw new CliError(`cannot write ${values.out}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, 1);
      }
      const format = ext === '.pdf' ? 'pdf' : 'html';
      recordTakeaway(
        archive.path,
        evidenceEntry({ callId, file: basename(values.out), format, contentSha256: pack.sha256, bytes }),
      );
      process.stderr.write(`wrote ${values.out}: evidence pack of call ${callId}, content SHA-256 ${pack.sha256}\n`);
      return 0;
    } finally {
      archive.close();
    }
  },
};
