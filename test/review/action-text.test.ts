// The action log in the reader's language: each entry's text is derived from its action and
// details (action-text.ts), not from the stored English line — which stays as written, covered
// by the hash chain. Entries written by the real review store, erasure and upgrade: in English
// the derived text is the stored line word for word (so nothing of an entry is lost), in
// Danish it is Danish; an entry of an unknown kind or shape falls back to the stored line.
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import { recordUpgrade } from '../../src/main/review/import-hook';
import type { Archive } from '../../src/main/store/archive';
import { verifyArchive } from '../../src/main/store/verify';
import { actionName, actionSummary } from '../../src/renderer/src/action-text';
import { makeI18n } from '../../src/renderer/src/i18n';
import { formatDateTime } from '../../src/renderer/src/format';
import type { ActionLogEntry } from '../../src/shared/api/archive-api';
import type { Locale } from '../../src/shared/i18n/messages';
import { csv, inboundRows, manyCalls, writeFile } from '../archive/fixtures';
import { freshArchive, TZ } from '../archive/helpers';

const opened: Archive[] = [];
afterEach(() => {
  for (const a of opened.splice(0)) a.close();
});

function say(locale: Locale) {
  const { t, te } = makeI18n(locale).global;
  const tt = (key: string, values?: Record<string, unknown>) => t(key, values ?? {});
  return {
    summary: (e: ActionLogEntry) => actionSummary(e, tt, te, locale),
    name: (a: string) => actionName(a, tt, te),
  };
}

/** An archive with one entry of every kind the review work writes. */
async function reviewedArchive(): Promise<{ archive: Archive; log: ActionLogEntry[] }> {
  const s = freshArchive();
  opened.push(s.archive);
  const calls = manyCalls(6);
  const file = writeFile(s.dir, 'calls.csv', csv(calls.flatMap(inboundRows)));
  const [r] = await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
  expect(r!.status).toBe('done');
  const api = new SqliteArchiveApi(s.archive);
  const [a, b] = [calls[0]!.callId, calls[1]!.callId];
  const note = await api.review.addNote({ callId: a, text: 'transferred twice' });
  await api.review.addNote({ callId: a, text: 'hold music too loud', eventIndex: 2 });
  await api.review.editNote({ noteId: note.id, text: 'transferred twice, then dropped' });
  await api.review.setStatus({ callId: a, status: 'flagged' });
  await api.review.setStatus({ callId: a, status: 'reviewed' });
  await api.review.addTag({ callId: b, tag: 'wrong transfer' });
  await api.review.removeTag({ callId: b, tag: 'wrong transfer' });
  const tag = await api.review.createTag({ name: 'callback', colour: '#2f6fde' });
  await api.review.updateTag({ id: tag.id, name: 'call back late', colour: '#c0392b' });
  await api.review.updateTag({ id: tag.id, name: 'callback late' });
  await api.review.erase({ value: calls[2]!.caller, reason: 'GDPR request 17' });
  await api.review.erase({ before: '2020-01-01T00:00:00.000Z', reason: 'retention' });
  recordUpgrade(s.archive.db, 2, 3);
  const log = await api.review.log({});
  return { archive: s.archive, log };
}

describe('action log entries in the reader’s language', () => {
  it('in English the text derived from kind and details is the stored line, for every kind', async () => {
    const { archive, log } = await reviewedArchive();
    const kinds = new Set(log.map((e) => e.action));
    expect([...kinds].sort()).toEqual(['erase', 'import', 'note', 'status', 'tag', 'tags', 'upgrade']);
    const en = say('en');
    // (Times are shown in the reader's format: the stored line has the ISO instant.)
    const shown = (summary: string) => summary.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, (iso) => formatDateTime(iso, 'en'));
    for (const e of log) expect(en.summary(e), `entry ${e.id} (${e.action})`).toBe(shown(e.summary));
    // Nothing was written to render them: the chain is as it was.
    expect(verifyArchive(archive.db).problems).toEqual([]);
  });

  it('in Danish each kind is said in Danish, with its parameters', async () => {
    const { log } = await reviewedArchive();
    const da = say('da');
    const texts = log.map((e) => da.summary(e));
    for (const [i, e] of log.entries()) expect(texts[i], `entry ${e.id}`).not.toBe(e.summary);
    const find = (re: RegExp) => texts.find((x) => re.test(x));
    expect(find(/^note #\d+ tilføjet til opkald \S+$/)).toBeDefined();
    expect(find(/^note #\d+ tilføjet til opkald \S+ \(hændelse 3\)$/)).toBeDefined();
    expect(find(/^note #\d+ på opkald \S+ redigeret \(version 2\)$/)).toBeDefined();
    expect(find(/^opkald \S+: ikke gennemgået → markeret$/)).toBeDefined();
    expect(find(/^opkald \S+: mærket "wrong transfer" tilføjet$/)).toBeDefined();
    expect(find(/^opkald \S+: mærket "wrong transfer" fjernet$/)).toBeDefined();
    expect(find(/^mærket "callback" oprettet \(#2f6fde\)$/)).toBeDefined();
    expect(find(/^mærke #\d+ omdøbt "callback" → "call back late", farve #2f6fde → #c0392b$/)).toBeDefined();
    expect(find(/^import #1: calls\.csv \(\d+ rækker læst, 0 afvist, 6 opkald udledt\)$/)).toBeDefined();
    expect(
      find(
        /^slettet et telefonnummer — opkald: 1, rå rækker: \d+, afviste rækker: 0, noter: 0; begrundelse: GDPR request 17$/,
      ),
    ).toBeDefined();
    expect(find(/^slettet opkaldernumrene i opkald, der startede før .*2020.*; begrundelse: retention$/)).toBeDefined();
    expect(find(/^arkivet opgraderet fra skema 2 til 3$/)).toBeDefined();
    expect(da.name('erase')).toBe('sletning');
    expect(da.name('tags')).toBe('mærkeliste');
  });

  it('an unknown kind, or details of another shape, is shown with its stored line', () => {
    const da = say('da');
    const base = { id: 1, at: '', actor: 'x', calls: null, prevHash: '', hash: '' };
    const other = { ...base, action: 'export', summary: 'exported 3 calls to a.csv (CSV)', details: { file: 'a.csv' } };
    expect(da.summary(other)).toBe(other.summary);
    expect(da.name('export')).toBe('eksport');
    expect(da.name('something-new')).toBe('something-new');
    const odd = { ...base, action: 'status', summary: 'call 7: a → b', details: { call: 7 } };
    expect(da.summary(odd)).toBe(odd.summary);
    const none = { ...base, action: 'note', summary: 'note #1 added to call 7', details: null };
    expect(da.summary(none)).toBe(none.summary);
  });

  it('an import that warns keeps the archive’s warning line, and the first upgrade says the log starts there', () => {
    const da = say('da');
    const base = { id: 1, at: '', actor: 'x', calls: 2, prevHash: '', hash: '' };
    const details = { importId: 4, file: 'b.csv', sha256: 'ab', rowsRead: 1200, rowsRejected: 1, callsDerived: 2 };
    const summary =
      'import #4: b.csv (1200 rows read, 1 rejected, 2 calls derived); WARNING: 3 rows were erased before';
    expect(da.summary({ ...base, action: 'import', summary, details })).toBe(
      'import #4: b.csv (1.200 rækker læst, 1 afvist, 2 opkald udledt); ADVARSEL: 3 rows were erased before',
    );
    const up = {
      ...base,
      action: 'upgrade',
      summary:
        'archive upgraded from schema 2 to 3 (the action log starts here: earlier imports are in the imports list)',
      details: { from: 2, to: 3, lastImportBefore: 7 },
    };
    expect(da.summary(up)).toMatch(/^arkivet opgraderet fra skema 2 til 3 \(handlingsloggen begynder her/);
    expect(say('en').summary(up)).toBe(up.summary);
  });
});

describe('entries of what left the archive (export, evidence)', () => {
  const exportEntry: ActionLogEntry = {
    id: 7,
    at: '2026-12-07T14:00:00.000Z',
    actor: 'auditor',
    prevHash: '0'.repeat(64),
    hash: 'e'.repeat(64),
    action: 'export',
    summary: 'exported 1,234 calls to calls.csv (CSV) and their events to events.csv',
    calls: 1234,
    details: {
      file: 'calls.csv',
      format: 'csv',
      sha256: 'a'.repeat(64),
      events: 5678,
      eventsFile: 'events.csv',
      eventsSha256: 'b'.repeat(64),
      timeZone: 'Europe/Copenhagen',
    },
  } as ActionLogEntry;
  const evidenceEntry: ActionLogEntry = {
    ...exportEntry,
    action: 'evidence',
    summary: 'evidence pack of call 1001 written to pack.html (HTML)',
    calls: 1,
    details: {
      callId: '1001',
      file: 'pack.html',
      format: 'html',
      contentSha256: 'c'.repeat(64),
      sha256: 'd'.repeat(64),
    },
  } as ActionLogEntry;

  it('in English: the stored line word for word', () => {
    const en = say('en');
    expect(en.summary(exportEntry)).toBe(exportEntry.summary);
    expect(
      en.summary({
        ...exportEntry,
        summary: 'exported 1,234 calls to calls.csv (CSV)',
        details: { ...exportEntry.details, eventsFile: undefined },
      } as ActionLogEntry),
    ).toBe('exported 1,234 calls to calls.csv (CSV)');
    expect(en.summary(evidenceEntry)).toBe(evidenceEntry.summary);
  });

  it('in Danish: Danish, not the English line', () => {
    const da = say('da');
    expect(da.summary(exportEntry)).toBe(
      '1.234 opkald eksporteret til calls.csv (CSV) og deres hændelser til events.csv',
    );
    expect(da.summary(evidenceEntry)).toBe('bevispakke for opkald 1001 skrevet til pack.html (HTML)');
  });
});
