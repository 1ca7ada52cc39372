// Bench part "platforms": the Asterisk / Genesys Cloud / Amazon Connect
// importers over synthetic exports of 100,000 × scale calls each, read whole
// through openPlatformExport (decode + detect + parse + map). Figures: calls/s,
// MB/s and the heap growth, to check the whole-file design against
// PLATFORM_MAX_BYTES (docs/formats/*.md). Then the archive import across
// files: a queue_log cut in two (day 1, day 2 continuing its last call) and a
// Connect export delivered again with newer versions of every contact (every
// call derived again from the rows of both imports: the worst case).
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../import/file-import';
import { readerOpener } from '../import/source';
import { openPlatformExport } from '../readers/platforms';
import { openArchive } from '../store/archive';
import { sql, value } from '../store/sql';
import type { BenchContext, BenchPart } from './part';

const PART = 'platforms';
const T0 = 1_700_000_000;
const iso = (s: number): string => new Date(s * 1000).toISOString();

function queueLog(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = T0 + i * 7;
    const id = `${t}.${i}`;
    out.push(
      `${t}|${id}|support|NONE|ENTERQUEUE||+45${10000000 + i}|1`,
      `${t + 8}|${id}|support|Bob|RINGNOANSWER|8000`,
      `${t + 20}|${id}|support|Alice|CONNECT|20|${t}.${i + 1}|5`,
      `${t + 140}|${id}|support|Alice|COMPLETECALLER|20|120|1`,
    );
  }
  return `${out.join('\n')}\n`;
}

function connect(n: number, updated = 300): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = T0 + i * 7;
    out.push(
      JSON.stringify({
        AWSContactTraceRecordFormatVersion: '2017-03-10',
        ContactId: `c-${i}`,
        Channel: 'VOICE',
        InitiationMethod: 'INBOUND',
        InitiationTimestamp: iso(t),
        ConnectedToSystemTimestamp: iso(t + 1),
        DisconnectTimestamp: iso(t + 200),
        LastUpdateTimestamp: iso(t + updated),
        CustomerEndpoint: { Address: `+45${10000000 + i}`, Type: 'TELEPHONE_NUMBER' },
        SystemEndpoint: { Address: '+4570000000', Type: 'TELEPHONE_NUMBER' },
        Queue: { Name: 'BasicQueue', EnqueueTimestamp: iso(t + 20), DequeueTimestamp: iso(t + 50), Duration: 30 },
        Agent: {
          Username: 'Alice',
          ConnectedToAgentTimestamp: iso(t + 50),
          AgentInteractionDuration: 120,
          CustomerHoldDuration: 10,
          AfterContactWorkDuration: 20,
        },
      }),
    );
  }
  return `${out.join('\n')}\n`;
}

function genesys(n: number): string {
  const seg = (a: number, b: number, segmentType: string, extra: object = {}) => ({
    segmentStart: iso(a),
    segmentEnd: iso(b),
    segmentType,
    ...extra,
  });
  const conversations = [];
  for (let i = 0; i < n; i++) {
    const t = T0 + i * 7;
    conversations.push({
      conversationId: `g-${i}`,
      conversationStart: iso(t),
      conversationEnd: iso(t + 200),
      originatingDirection: 'inbound',
      participants: [
        {
          purpose: 'customer',
          sessions: [
            {
              mediaType: 'voice',
              ani: `tel:+45${10000000 + i}`,
              dnis: 'tel:+4570000000',
              segments: [seg(t, t + 190, 'interact')],
            },
          ],
        },
        {
          purpose: 'ivr',
          participantName: 'IVR',
          sessions: [{ mediaType: 'voice', segments: [seg(t, t + 20, 'ivr')] }],
        },
        {
          purpose: 'acd',
          participantName: 'Support',
          sessions: [{ mediaType: 'voice', segments: [seg(t + 20, t + 50, 'interact', { queueId: 'q1' })] }],
        },
        {
          purpose: 'agent',
          participantName: 'Alice',
          sessions: [
            {
              mediaType: 'voice',
              segments: [
                seg(t + 45, t + 50, 'alert'),
                seg(t + 50, t + 190, 'interact'),
                seg(t + 190, t + 200, 'wrapup', { wrapUpCode: 'Done' }),
              ],
            },
          ],
        },
      ],
    });
  }
  return JSON.stringify({ conversations, totalHits: n });
}

async function measure(ctx: BenchContext, label: string, path: string, calls: number): Promise<void> {
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const ex = await openPlatformExport(path, { fileLabel: label, timeZone: 'UTC' });
  let derived = 0;
  let peak = process.memoryUsage().heapUsed;
  for await (const batch of ex.batches) {
    for (const item of batch) if (item.kind === 'call') derived++;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const sec = (performance.now() - t0) / 1000;
  const heapMb = (peak - heap0) / 1048576;
  const mb = statSync(path).size / 1048576;
  if (derived !== calls) ctx.report(PART, `${label} MISMATCH calls`, `${derived} of ${calls}`);
  ctx.report(PART, `${label} calls/s`, Math.round(derived / sec));
  ctx.report(PART, `${label} MB/s`, Math.round((mb / sec) * 10) / 10);
  ctx.report(PART, `${label} file`, Math.round(mb), 'MB');
  ctx.report(PART, `${label} peak heap growth`, Math.round(heapMb), 'MB');
  ctx.report(PART, `${label} peak heap / file size`, Math.round((heapMb / mb) * 10) / 10);
}

/** Imports the files in order into a fresh archive; reports calls/s per import. */
async function importSeries(ctx: BenchContext, label: string, files: [string, string][]): Promise<void> {
  const dbPath = join(ctx.workDir, `platforms-${label}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const archive = openArchive(dbPath, { create: true });
  try {
    for (const [step, path] of files) {
      const t0 = performance.now();
      const r = await importFile(archive.db, path, { timeZone: 'UTC', open: readerOpener });
      const sec = (performance.now() - t0) / 1000;
      if (r.status !== 'done') ctx.report(PART, `${label} ${step} FAILED`, r.message ?? r.status);
      ctx.report(PART, `${label} ${step} rows/s`, Math.round(r.rowsRead / sec));
      ctx.report(PART, `${label} ${step} calls derived/s`, Math.round(r.callsDerived / sec));
    }
    const calls = value(archive.db, sql<number>('SELECT count(*) FROM calls')) ?? 0;
    ctx.report(PART, `${label} archive calls`, calls);
  } finally {
    archive.close();
  }
}

export const platformsBench: BenchPart = {
  name: PART,
  async run(ctx) {
    const n = Math.max(1000, Math.round(100_000 * ctx.scale));
    const files: [string, string, (n: number) => string][] = [
      ['asterisk', `queue_log-${n}`, queueLog],
      ['connect', `ctr-${n}.jsonl`, connect],
      ['genesys', `genesys-${n}.json`, genesys],
    ];
    for (const [label, name, make] of files) {
      const path = join(ctx.workDir, name);
      if (!existsSync(path)) writeFileSync(path, make(n));
      await measure(ctx, label, path, n);
    }
    // Archive imports across files (spec section 6: exports cut in time).
    const log = queueLog(n).split('\n');
    const cut = 4 * Math.floor(n / 2) + 2; // inside a call: its CONNECT and COMPLETECALLER are on day 2
    const day1 = join(ctx.workDir, `queue_log-${n}.day1`);
    const day2 = join(ctx.workDir, `queue_log-${n}.day2`);
    writeFileSync(day1, `${log.slice(0, cut).join('\n')}\n`);
    writeFileSync(day2, log.slice(cut).join('\n'));
    await importSeries(ctx, 'asterisk import', [
      ['day 1', day1],
      ['day 2', day2],
    ]);
    const again = join(ctx.workDir, `ctr-${n}.v2.jsonl`);
    if (!existsSync(again)) writeFileSync(again, connect(n, 400));
    await importSeries(ctx, 'connect import', [
      ['first delivery', join(ctx.workDir, `ctr-${n}.jsonl`)],
      ['newer versions of all', again],
    ]);
  },
};
