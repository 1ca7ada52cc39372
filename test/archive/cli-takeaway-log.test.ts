// What leaves the archive is in its action log: `search --out` (an export) and `evidence --out`
// (a pack) append an entry naming the file, its format, the calls and the file's SHA-256 — so an
// auditor can tell which exports and packs exist and check a file against its entry. The search
// text is not logged: it may be a phone number, and the log is never rewritten by an erasure.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { runCli } from '../common/run-cli';
import { recordTakeaway } from '../../src/main/cli/commands/takeaway-log';
import { openDatabase } from '../../src/main/store/native';

const run = (...args: string[]) => runCli(args);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function archive(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = join(dir, 't.db');
  expect(
    (await run('import', writeFile(dir, 'x.csv', csv(manyCalls(4).flatMap(inboundRows))), '--db', db)).status,
  ).toBe(0);
  return { dir, db };
}

interface Entry {
  action: string;
  summary: string;
  calls: number | null;
  details: Record<string, unknown>;
}
async function log(db: string): Promise<Entry[]> {
  const r = await run('log', '--db', db, '--json');
  expect(r.status).toBe(0);
  const parsed = JSON.parse(r.stdout) as { entries?: Entry[] } | Entry[];
  return Array.isArray(parsed) ? parsed : (parsed.entries ?? []);
}

describe('the action log records what leaves the archive', () => {
  it('search --out: an export entry with the files, the format, the counts and the SHA-256 of each file', async () => {
    const { dir, db } = await archive();
    const out = join(dir, 'calls.csv');
    const events = join(dir, 'events.csv');
    const r = await run('search', '--db', db, '--text', '4520', '--out', out, '--events', events);
    expect(r.status).toBe(0);
    const [entry] = await log(db);
    expect(entry).toMatchObject({
      action: 'export',
      calls: 4,
      details: {
        file: 'calls.csv',
        format: 'csv',
        sha256: sha(out),
        eventsFile: 'events.csv',
        eventsSha256: sha(events),
      },
    });
    expect(entry!.summary).toBe('exported 4 calls to calls.csv (CSV) and their events to events.csv');
    expect(JSON.stringify(entry)).not.toContain('4520');
    expect((await run('verify', '--db', db)).status).toBe(0);
  });

  it('export --parquet: an export entry with both files and their SHA-256', async () => {
    const { dir, db } = await archive();
    const out = join(dir, 'pq');
    expect((await run('export', '--db', db, '--parquet', out)).status).toBe(0);
    const [entry] = await log(db);
    expect(entry).toMatchObject({
      action: 'export',
      calls: 4,
      details: {
        file: 'calls.parquet',
        format: 'parquet',
        sha256: sha(join(out, 'calls.parquet')),
        eventsFile: 'events.parquet',
        eventsSha256: sha(join(out, 'events.parquet')),
      },
    });
    expect(entry!.summary).toBe('exported 4 calls to calls.parquet (PARQUET) and their events to events.parquet');
  });

  it('evidence --out: an evidence entry with the call, the file and its content SHA-256', async () => {
    const { dir, db } = await archive();
    const out = join(dir, 'pack.html');
    const r = await run('evidence', '1000', '--db', db, '--out', out);
    expect(r.status).toBe(0);
    const contentSha = /content SHA-256 ([0-9a-f]{64})/.exec(r.stderr)![1];
    const [entry] = await log(db);
    expect(entry).toMatchObject({
      action: 'evidence',
      calls: 1,
      details: { callId: '1000', file: 'pack.html', format: 'html', contentSha256: contentSha, sha256: sha(out) },
    });
  });

  it('an archive that cannot take the entry: the missing entry is said in one line, not skipped silently', () => {
    const said: string[] = [];
    const gone = join(tempDir(), 'moved-away.db');
    const id = recordTakeaway(gone, { action: 'export', summary: 'exported 1 calls to x.csv (CSV)' }, (l) =>
      said.push(l),
    );
    expect(id).toBeNull();
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^not recorded in the action log of .*moved-away\.db: /);
  });

  it('an archive of an older format is not upgraded by an export: the entry is left out and said', async () => {
    const { db } = await archive();
    const raw = openDatabase(db);
    raw.pragma('user_version = 1');
    raw.close();
    const said: string[] = [];
    expect(
      recordTakeaway(db, { action: 'export', summary: 'exported 1 calls to x.csv (CSV)' }, (l) => said.push(l)),
    ).toBeNull();
    expect(said[0]).toMatch(/older format \(schema 1\)/);
    const check = openDatabase(db, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    check.close();
  });
});
