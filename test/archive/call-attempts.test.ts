// #14 item 13: calls.get carries a request call's attempts (derived by the engine from the
// stored rows), for the chart's attempt marks; the contract JSON is unchanged.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import { openArchive } from '../../src/main/store/archive';
import { freshArchive } from './helpers';

const SCENARIOS = join(__dirname, '../../resources/samples/scenarios');

describe('calls.get attempts', () => {
  it('a callback answered on the 2nd attempt: two attempts, the first unanswered with its agent', async () => {
    const s = freshArchive();
    s.archive.close();
    await importFiles(
      s.path,
      ['agents.csv', 'queues.csv', 'callback-answered-2nd.csv', 'inbound-answered.csv', 'dialer-contact-first.csv'].map(
        (f) => join(SCENARIOS, f),
      ),
      { timeZone: 'Europe/Copenhagen', inProcess: true },
    );
    const archive = openArchive(s.path, { readonly: true });
    const api = new SqliteArchiveApi(archive);
    const d = (await api.calls.get('2002'))!;
    expect(d.call.callbackAttempts).toBe(2);
    expect(d.attempts).toHaveLength(2);
    expect(d.attempts!.map((a) => a.connected)).toEqual([false, true]);
    expect(d.attempts![1]!.agent).not.toBeNull();
    expect(Date.parse(d.attempts![0]!.start)).toBeLessThan(Date.parse(d.attempts![1]!.start));
    // The silent dialer call: one attempt, the contact answered, no agent connected.
    const silent = (await api.calls.get('5004'))!;
    expect(silent.attempts).toHaveLength(1);
    expect(silent.attempts![0]!.connected).toBe(false);
    expect('attempts' in silent.call).toBe(false);
    // An inbound call has none.
    const inbound = (await api.calls.search({ types: ['inbound'], limit: 1 })).rows[0]!;
    expect((await api.calls.get(inbound.callId))!.attempts).toBeUndefined();
    archive.close();
  });
});
