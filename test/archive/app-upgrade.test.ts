// The app opening an archive of an older schema (#10): the upgrade runs in a worker thread
// while archive.opening reports its phase and progress through the shared dispatch (validated
// against the contract's schema); the archive's other calls wait for it. A failed upgrade is
// one line, and the archive — unchanged — is opened read-only.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveOpening, CallPage } from '../../src/shared/api/archive-api';
import { archiveOpeningSchema } from '../../src/shared/api/schemas';
import { dispatch } from '../../src/main/api-host/dispatch';
import { needsUpgrade, openArchiveForApp, type OpeningArchive } from '../../src/main/api-host/opening';
import { openArchive } from '../../src/main/store/archive';
import { SCHEMA_VERSION } from '../../src/main/store/schema';
import { freshArchive } from './helpers';
import { tempDir } from './fixtures';
import { bundledWorkerEntry } from '../common/worker-entry';

/**
 * The worker entry bundled (test/common/worker-entry.ts): the upgrade's thread and the read pool's lanes are
 * tested here, not tsx's bootstrap in each of them.
 */
const worker = bundledWorkerEntry();

const FIXTURE = join(__dirname, '../fixtures/archive-v2/archive-v2.db');
const opened: OpeningArchive[] = [];
afterEach(() => {
  for (const a of opened.splice(0)) a.close();
});

function v2Copy(): string {
  const path = join(tempDir(), 'archive-v2.db');
  copyFileSync(FIXTURE, path);
  return path;
}

const versionOf = (path: string) => {
  const a = openArchive(path, { readonly: true });
  try {
    return a.db.pragma('user_version', { simple: true }) as number;
  } finally {
    a.close();
  }
};

describe('the app opens an archive of an older schema', () => {
  it('upgrades it in a worker thread, reporting rows then compacting; calls made meanwhile wait for it', async () => {
    const path = v2Copy();
    expect(needsUpgrade(path)).toBe(true);
    const states: ArchiveOpening[] = [];
    const archive = openArchiveForApp(path, { worker, onState: (s) => states.push(s) });
    opened.push(archive);
    // Opening returned at once (the upgrade is not on this thread); the page is told so.
    const first = await dispatch(archive.api, 'archive.opening', null);
    expect(archiveOpeningSchema.parse(first)).toMatchObject({ state: 'upgrading', toVersion: SCHEMA_VERSION });
    const page = dispatch(archive.api, 'calls.search', { limit: 5 }) as Promise<CallPage>;
    await archive.ready;
    expect((await page).rows.length).toBe(5);
    expect(await dispatch(archive.api, 'archive.opening', undefined)).toEqual({ state: 'ready' });

    for (const s of states) archiveOpeningSchema.parse(s);
    const rows = states.filter((s) => s.state === 'upgrading' && s.phase === 'rows' && s.total > 0);
    expect(rows.length).toBeGreaterThan(1);
    const last = rows[rows.length - 1] as Extract<ArchiveOpening, { state: 'upgrading' }>;
    expect(last.done).toBe(last.total);
    const compacting = states.findIndex((s) => s.state === 'upgrading' && s.phase === 'compacting');
    expect(compacting).toBeGreaterThan(states.indexOf(last));
    expect(states[states.length - 1]).toEqual({ state: 'ready' });
    expect(versionOf(path)).toBe(SCHEMA_VERSION);
    expect(needsUpgrade(path)).toBe(false);
  }, 120_000);

  it('a failed upgrade is one line; the archive is unchanged and opened read-only', async () => {
    const path = v2Copy();
    const archive = openArchiveForApp(path, {
      worker,
      runUpgrade: async (_path, onProgress) => {
        onProgress({ toVersion: SCHEMA_VERSION, done: 0, total: 10 });
        throw new Error('disk full (simulated)\n    at upgradeToV3 (upgrade-v3.ts:1:1)');
      },
    });
    opened.push(archive);
    await archive.ready;
    const state = archiveOpeningSchema.parse(await dispatch(archive.api, 'archive.opening', null));
    expect(state).toEqual({ state: 'failed', message: 'disk full (simulated)', readOnly: true });
    expect(versionOf(path)).toBe(2);
    const info = (await dispatch(archive.api, 'archive.info', null)) as { readOnly?: boolean; calls: number };
    expect(info.calls).toBeGreaterThan(0);
    expect(info.readOnly).toBe(true);
  });

  it('an archive of the current schema opens at once, without a worker', async () => {
    const s = freshArchive();
    s.archive.close();
    expect(needsUpgrade(s.path)).toBe(false);
    const archive = openArchiveForApp(s.path, {
      worker,
      runUpgrade: () => Promise.reject(new Error('no upgrade expected')),
    });
    opened.push(archive);
    expect(archive.opening()).toEqual({ state: 'ready' });
    expect(await dispatch(archive.api, 'archive.opening', null)).toEqual({ state: 'ready' });
  });
});
