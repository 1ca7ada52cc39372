// Saved and recent searches: stored in the archive (a table of their own, added by
// a migration), so they survive reopening it and travel with the file.
import { describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { RECENT_LIMIT } from '../../src/main/searches/saved-searches';
import { openArchive } from '../../src/main/store/archive';
import { SAVED_SEARCHES_VERSION, SCHEMA_VERSION } from '../../src/main/store/schema';
import { freshArchive } from '../archive/helpers';

describe('saved searches', () => {
  it('are saved with a name, listed, deleted, and survive reopening the archive', async () => {
    const s = freshArchive();
    const api = new SqliteArchiveApi(s.archive);
    const search = { text: '4520', queues: ['Support'], sort: 'waitTimeSec' as const, direction: 'asc' as const };
    const saved = await api.searches.save({ name: '  Support waits ', search });
    expect(saved).toMatchObject({ kind: 'saved', name: 'Support waits', search });
    await api.searches.save({ name: 'Abandoned', search: { outcomes: ['abandoned'] } });
    // Paging is never part of a saved search.
    await api.searches.save({ name: 'Paged', search: { text: 'x', limit: 5, cursor: 'abc' } as never });
    s.archive.close();

    const again = openArchive(s.path);
    const api2 = new SqliteArchiveApi(again);
    const list = await api2.searches.list();
    expect(list.saved.map((x) => x.name)).toEqual(['Abandoned', 'Paged', 'Support waits']);
    expect(list.saved[2]!.search).toEqual(search);
    expect(list.saved[1]!.search).toEqual({ text: 'x' });
    await api2.searches.delete(list.saved[0]!.id);
    expect((await api2.searches.list()).saved.map((x) => x.name)).toEqual(['Paged', 'Support waits']);
    await expect(api2.searches.delete(list.saved[0]!.id)).rejects.toThrow(/no saved search/);
    // Saving a name again replaces it.
    await api2.searches.save({ name: 'Paged', search: { text: 'y' } });
    expect((await api2.searches.list()).saved.map((x) => [x.name, x.search.text])).toEqual([
      ['Paged', 'y'],
      ['Support waits', '4520'],
    ]);
    expect(again.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('refuses a nameless or oversized save in one line', async () => {
    const s = freshArchive();
    const api = new SqliteArchiveApi(s.archive);
    await expect(api.searches.save({ name: '   ', search: {} })).rejects.toThrow(/invalid saved search/);
    await expect(api.searches.save({ name: 'x'.repeat(101), search: {} })).rejects.toThrow(/invalid saved search/);
    s.archive.close();
  });
});

describe('recent searches', () => {
  it('keep the last 20 run, newest first, a repeated one moved to the top', async () => {
    const s = freshArchive();
    const api = new SqliteArchiveApi(s.archive);
    for (let i = 0; i < 25; i++) await api.searches.recordRecent({ text: `call ${i}` });
    await api.searches.recordRecent({ text: 'call 10' });
    await api.searches.recordRecent({}); // the empty search is not offered
    await api.searches.recordRecent({ sort: 'start', direction: 'desc' });
    s.archive.close();
    const again = new SqliteArchiveApi(openArchive(s.path));
    const recent = (await again.searches.list()).recent.map((r) => r.search.text);
    expect(recent).toHaveLength(RECENT_LIMIT);
    expect(recent.slice(0, 3)).toEqual(['call 10', 'call 24', 'call 23']);
    expect(recent.filter((t) => t === 'call 10')).toHaveLength(1);
    expect(recent).not.toContain('call 4');
  });

  it('the same search with keys in another order or empty filters is one entry', async () => {
    const s = freshArchive();
    const api = new SqliteArchiveApi(s.archive);
    await api.searches.recordRecent({ text: 'a', queues: ['q'], agents: [] });
    await api.searches.recordRecent({ queues: ['q'], text: 'a' });
    expect((await api.searches.list()).recent).toHaveLength(1);
    s.archive.close();
  });

  it('an archive of the version before saved searches gains the table when opened for writing', () => {
    const s = freshArchive();
    s.archive.db.exec('DROP TABLE saved_searches');
    // Later migrations only add tables IF NOT EXISTS: running them again changes nothing.
    s.archive.db.pragma(`user_version = ${SAVED_SEARCHES_VERSION - 1}`);
    s.archive.close();
    const ro = new SqliteArchiveApi(openArchive(s.path, { readonly: true }));
    return ro.searches
      .list()
      .then((list) => expect(list).toEqual({ saved: [], recent: [] }))
      .then(() => expect(ro.searches.save({ name: 'x', search: {} })).rejects.toThrow(/read-only at an older version/))
      .then(() => {
        const rw = openArchive(s.path);
        expect(rw.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        return new SqliteArchiveApi(rw).searches.save({ name: 'x', search: { text: 't' } });
      })
      .then((saved) => expect(saved.name).toBe('x'));
  });
});
