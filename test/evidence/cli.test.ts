// `callscope evidence` as a user runs it: HTML everywhere, PDF with a Chromium,
// one-line errors (no renderer, unknown call, bad --out), and --check of a pack.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../src/main/store/archive';
import { packStatedHash } from '../../src/shared/evidence';
import { scenarioArchive } from './helpers';
import { runCli } from '../common/run-cli';

const run = (args: string[], env: Record<string, string> = {}) => runCli(args, env);

let db: string;
let dir: string;
let callId: string;
let archive: Archive;
beforeAll(async () => {
  const s = await scenarioArchive('redelivery');
  ({ archive, path: db, dir } = s);
  callId = s.callIds[0]!;
  archive.close();
}, 60_000);
afterAll(() => undefined);

describe('callscope evidence', () => {
  it('writes the HTML pack, and --check confirms its hash (and catches an edit)', async () => {
    const out = join(dir, 'pack.html');
    const r = await run(['evidence', callId, '--db', db, '--out', out, '--lang', 'da']);
    expect(r.stderr).toMatch(
      new RegExp(`^wrote .*pack\\.html: evidence pack of call ${callId}, content SHA-256 [0-9a-f]{64}\\n$`),
    );
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('Europe/Copenhagen'); // default: the zone the export was imported in
    const ok = await run(['evidence', '--check', out]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`OK ${out}: content SHA-256 ${packStatedHash(html)}`);
    writeFileSync(out, html.replace('Kundeservice', 'Kundeservise'));
    const bad = await run(['evidence', '--check', out]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^MISMATCH /);
  });

  it.skipIf(!existsSync('/usr/bin/chromium'))(
    'writes a PDF with Chromium',
    async () => {
      const out = join(dir, 'pack.pdf');
      const r = await run(['evidence', callId, '--db', db, '--out', out, '--tz', 'UTC']);
      expect(r.status).toBe(0);
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    },
    60_000,
  );

  it('--check of a PDF says what can be checked instead, not that it is no pack', async () => {
    const pdf = join(dir, 'printed.pdf');
    writeFileSync(pdf, '%PDF-1.7\n% a pack printed to PDF holds no content markers\n');
    const r = await run(['evidence', '--check', pdf]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `callscope evidence: ${pdf} is a PDF: its content hash is the HTML pack's and cannot be recomputed from the PDF; ` +
        "check the HTML pack, or compare the PDF's SHA-256 with its evidence entry in `callscope log`\n",
    );
  });

  it('says in one line when no PDF renderer is available', async () => {
    const r = await run(['evidence', callId, '--db', db, '--out', join(dir, 'x.pdf')], {
      CALLSCOPE_CHROMIUM: '/nonexistent/chromium',
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no PDF renderer available: .*--out <file\.html>/);
  });

  it('refuses bad usage with one line', async () => {
    const cases: [string[], RegExp, number][] = [
      [['evidence', callId, '--db', db], /--out <file\.html\|file\.pdf> is required/, 2],
      [['evidence', callId, '--db', db, '--out', 'x.txt'], /--out must end in \.html or \.pdf/, 2],
      [['evidence', 'nope', '--db', db, '--out', join(dir, 'n.html')], /no call nope in /, 1],
      [['evidence', callId, '--db', db, '--out', join(dir, 'z.html'), '--tz', 'Mars/Base'], /unknown time zone/, 2],
      [['evidence', callId, '--db', db, '--out', join(dir, 'z.html'), '--lang', 'fr'], /--lang must be en or da/, 2],
    ];
    for (const [args, message, status] of cases) {
      const r = await run(args);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.status).toBe(status);
    }
  });
});
