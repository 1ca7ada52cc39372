// Bench part "platforms": the Asterisk / Genesys Cloud / Amazon Connect
// importers over synthetic exports of 100,000 × scale calls each, read whole
// through openPlatformExport (decode + detect + parse + map). Figures: calls/s,
// MB/s and the heap growth, to check the whole-file design against
// PLATFORM_MAX_BYTES (docs/formats/*.md).
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPlatformExport } from '../readers/platforms';
import type { BenchContext, BenchPart } from './part';

const PART = 'platforms';
const T0 = 1_700_000_000;
const iso = (s: number): string => new Date(s * 1000).toISOString();

function queueLog(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = T0 + i * 7;
    const id = `${t}.${i}`;
    out.push(`${t}|${id}|support|NONE|ENTERQUEUE||+45${10000000 + i}|1`, `${t + 8}|${id}|support|Bob|RINGNOANSWER|8000`,
      `${t + 20}|${id}|support|Alice|CONNECT|20|${t}.${i + 1}|5`, `${t + 140}|${id}|support|Alice|COMPLETECALLER|20|120|1`);
  }
  return `${out.join('\n')}\n`;
}

function connect(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = T0 + i * 7;
    out.push(JSON.stringify({
      AWSContactTraceRecordFormatVersion: '2017-03-10', ContactId: `c-${i}`, Channel: 'VOICE', InitiationMethod: 'INBOUND',
      InitiationTimestamp: iso(t), ConnectedToSystemTimestamp: iso(t + 1), DisconnectTimestamp: iso(t + 200), LastUpdateTimestamp: iso(t + 300),
      CustomerEndpoint: { Address: `+45${10000000 + i}`, Type: 'TELEPHONE_NUMBER' }, SystemEndpoint: { Address: '+4570000000', Type: 'TELEPHONE_NUMBER' },
      Queue: { Name: 'BasicQueue', EnqueueTimestamp: iso(t + 20), DequeueTimestamp: iso(t + 50), Duration: 30 },
      Agent: { Username: 'Alice', ConnectedToAgentTimestamp: iso(t + 50), AgentInteractionDuration: 120, CustomerHoldDuration: 10, AfterContactWorkDuration: 20 },
    }));
  }
  return `${out.join('\n')}\n`;
}

function genesys(n: number): string {
  const seg = (a: number, b: number, segmentType: string, extra: object = {}) => ({ segmentStart: iso(a), segmentEnd: iso(b), segmentType, ...extra });
  const conversations = [];
  for (let i = 0; i < n; i++) {
    const t = T0 + i * 7;
    conversations.push({
      conversationId: `g-${i}`, conversationStart: iso(t), conversationEnd: iso(t + 200), originatingDirection: 'inbound',
      participants: [
        { purpose: 'customer', sessions: [{ mediaType: 'voice', ani: `tel:+45${10000000 + i}`, dnis: 'tel:+4570000000', segments: [seg(t, t + 190, 'interact')] }] },
        { purpose: 'ivr', participantName: 'IVR', sessions: [{ mediaType: 'voice', segments: [seg(t, t + 20, 'ivr')] }] },
        { purpose: 'acd', participantName: 'Support', sessions: [{ mediaType: 'voice', segments: [seg(t + 20, t + 50, 'interact', { queueId: 'q1' })] }] },
        { purpose: 'agent', participantName: 'Alice', sessions: [{ mediaType: 'voice', segments: [seg(t + 45, t + 50, 'alert'), seg(t + 50, t + 190, 'interact'), seg(t + 190, t + 200, 'wrapup', { wrapUpCode: 'Done' })] }] },
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
  },
};
