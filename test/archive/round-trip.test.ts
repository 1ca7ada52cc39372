import { afterEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/main/import/run-import';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { toContractJson } from '../../src/shared/engine/index';
import { csv, inboundRows, manyCalls, writeFile } from './fixtures';
import { counts, freshArchive, TZ } from './helpers';
import type { Archive } from '../../src/main/store/archive';

let open: Archive[] = [];
afterEach(() => {
  for (const a of open) a.close();
  open = [];
});

describe('import → search → show', () => {
  it('imports a file, finds its calls and shows one with the raw rows behind its events', async () => {
    const { dir, archive } = freshArchive();
    open.push(archive);
    const calls = manyCalls(40);
    const file = writeFile(dir, 'day1.csv', csv(calls.flatMap(inboundRows)));
    const [rec] = await importFiles(archive, [file], { timeZone: TZ, inProcess: true });
    expect(rec?.status).toBe('done');
    expect(rec?.callsDerived).toBe(40);
    expect(rec?.rowsRead).toBe(rec!.rowsUsed + rec!.rowsKept + rec!.rowsRejected);
    const api = new SqliteArchiveApi(archive);
    const page = await api.calls.search({ limit: 1000 });
    expect(page.total).toBe(40);
    expect(new Set(page.rows.map((r) => r.callId))).toEqual(new Set(calls.map((c) => c.callId)));

    const target = calls[5]!;
    const byNumber = await api.calls.search({ text: target.caller.slice(-6) });
    expect(byNumber.rows.map((r) => r.callId)).toContain(target.callId);

    const detail = await api.calls.get(target.callId);
    expect(detail).not.toBeNull();
    expect(detail!.call.callId).toBe(target.callId);
    expect(detail!.eventSources).toHaveLength(detail!.call.events.length);
    expect(detail!.rawRows.length).toBe(inboundRows(target).length);
    for (const sources of detail!.eventSources)
      for (const o of sources)
        expect(detail!.rawRows.some((r) => r.origin.line === o.line && r.origin.file === o.file)).toBe(true);
    expect(api.contractJson(target.callId)).toBe(toContractJson(detail!.call));
    expect(counts(archive).calls).toBe(40);
  });
});
