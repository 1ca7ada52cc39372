// `callscope evidence` as a user runs it: HTML everywhere, PDF with a Chromium,
// one-line errors (no renderer, unknown call, bad --out), and --check of a pack.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../src/main/store/archive';
import { packStatedHash } from '../../src/shared/evidence';
import { scenarioArchive } from './helpers';

const BIN = join(__dirname, '../../bin/callscope.mjs');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

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
  it('writes the HTML pack, and --check confirms its hash (and catches an edit)', () => {
    const out = join(dir, 'pack.html');
    const r = run(['evidence', callId, '--db', db, '--out', out, '--lang', 'da']);
    expect(r.stderr).toMatch(
      new RegExp(`^wrote .*pack\\.html: evidence pack of call ${callId}, content SHA-256 [0-9a-f]{64}\\n$`),
    );
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('Europe/Copenhagen'); // default: the zone the export was imported in
    const ok = run(['evidence', '--check', out]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`OK ${out}: content SHA-256 ${packStatedHash(html)}`);
    writeFileSync(out, html.replace('Kundeservice', 'Kundeservise'));
    const bad = run(['evidence', '--check', out]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^MISMATCH /);
  });

  it.skipIf(!existsSync('/usr/bin/chromium'))(
    'writes a PDF with Chromium',
    () => {
      const out = join(dir, 'pack.pdf');
      const r = run(['evidence', callId, '--db', db, '--out', out, '--tz', 'UTC']);
      expect(r.status).toBe(0);
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    },
    60_000,
  );

  it('says in one line when no PDF renderer is available', () => {
    const r = run(['evidence', callId, '--db', db, '--out', join(dir, 'x.pdf')], {
      CALLSCOPE_CHROMIUM: '/nonexistent/chromium',
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no PDF renderer available: .*--out <file\.html>/);
  });

  it('refuses bad usage with one line', () => {
    const cases: [string[], RegExp, number][] = [
      [['evidence', callId, '--db', db], /--out <file\.html\|file\.pdf> is required/, 2],
      [['evidence', callId, '--db', db, '--out', 'x.txt'], /--out must end in \.html or \.pdf/, 2],
      [['evidence', 'nope', '--db', db, '--out', join(dir, 'n.html')], /no call nope in /, 1],
      [['evidence', callId, '--db', db, '--out', join(dir, 'z.html'), '--tz', 'Mars/Base'], /unknown time zone/, 2],
      [['evidence', callId, '--db', db, '--out', join(dir, 'z.html'), '--lang', 'fr'], /--lang must be en or da/, 2],
    ];
    for (const [args, message, status] of cases) {
      const r = run(args);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.status).toBe(status);
    }
  });
});
