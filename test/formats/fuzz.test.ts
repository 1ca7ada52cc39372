// Fuzzing: random text, random bytes and mutated fixtures (truncation, deleted
// lines, deleted fields, wrong types) never crash an importer. Parsing returns
// with every record accounted for; the Node adapter either opens the file or
// fails with one clear ReaderError line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLATFORM_FORMATS, parseAsterisk, rederivePlatformCalls } from '../../src/shared/formats';
import type { PlatformParse } from '../../src/shared/formats';
import { openPlatformExport } from '../../src/main/readers/platforms';
import { ReaderError } from '../../src/shared/reader/errors';
import { expectAccounted, fixture } from './helpers';

const opts = { fileLabel: 'fuzz', timeZone: 'Europe/Copenhagen' };
const TEXT_FIXTURES = [
  'asterisk/queue_log',
  'asterisk/queue_log_db.csv',
  'asterisk/queue_log_data.csv',
  'asterisk/Master.csv',
  'genesys/conversations.json',
  'connect/ctr.jsonl',
];
const JSON_FIXTURES = ['genesys/conversations.json', 'connect/ctr.jsonl'];

function parseAll(text: string): PlatformParse[] {
  return PLATFORM_FORMATS.map((f) => {
    f.detect(text);
    return f.parse(text, opts);
  });
}

function checkAll(text: string): void {
  for (const p of parseAll(text)) {
    expectAccounted(p);
    for (const c of p.calls) {
      // The contract stays valid: ISO times, finite metrics.
      expect(Number.isFinite(c.derived.call.speakTimeSec)).toBe(true);
      for (const e of c.derived.call.events) expect(e.durationSec).toBeGreaterThanOrEqual(0);
    }
  }
}

/** Every value's path inside a JSON value. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (v !== null && typeof v === 'object') {
    for (const [k, child] of Object.entries(v)) {
      const p = [...at, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      paths(child, p, out);
    }
  }
  return out;
}

function mutate(doc: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove && !Array.isArray(node)) delete node[last];
  else node[last] = value;
  return copy;
}

describe('fuzzing the platform importers', () => {
  it('random text never crashes detection or parsing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => checkAll(s)),
      { numRuns: 300 },
    );
  });

  it('random pipe / comma / JSON-ish text never crashes', () => {
    const token = fc.constantFrom(
      '|',
      ',',
      '\n',
      '"',
      '{',
      '}',
      '[',
      ']',
      ':',
      'ENTERQUEUE',
      'CONNECT',
      'COMPLETEAGENT',
      'ABANDON',
      'ATTENDEDTRANSFER',
      '1700000000',
      '1700000000.1',
      'NONE',
      '"ContactId"',
      '"conversationId"',
      '"segments"',
      'null',
      '-1',
      '1e400',
      'ANSWERED',
      '2023-11-14 10:00:00',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 120 }), (ts) => checkAll(ts.join(''))),
      { numRuns: 300 },
    );
  });

  it('truncated fixtures and fixtures with a deleted line never crash', () => {
    for (const rel of TEXT_FIXTURES) {
      const text = fixture(rel);
      fc.assert(
        fc.property(fc.nat(text.length), fc.nat(200), (cut, line) => {
          checkAll(text.slice(0, cut));
          const lines = text.split('\n');
          lines.splice(line % lines.length, 1);
          checkAll(lines.join('\n'));
        }),
        { numRuns: 60 },
      );
    }
  });

  it('JSON fixtures with deleted fields and wrong types never crash', () => {
    for (const rel of JSON_FIXTURES) {
      const text = fixture(rel);
      const docs = rel.endsWith('.jsonl')
        ? text
            .split('\n')
            .filter((l) => l.startsWith('{"'))
            .map((l) => JSON.parse(l) as unknown)
        : [JSON.parse(text) as unknown];
      const all = docs.map((d) => paths(d));
      fc.assert(
        fc.property(
          fc.nat(docs.length - 1),
          fc.nat(10_000),
          fc.jsonValue({ maxDepth: 2 }),
          fc.boolean(),
          (di, pi, value, remove) => {
            const ps = all[di]!;
            const mutated = mutate(docs[di], ps[pi % ps.length]!, value, remove);
            const out = docs.map((d, i) => JSON.stringify(i === di ? mutated : d));
            checkAll(rel.endsWith('.jsonl') ? out.join('\n') : out[0]!);
          },
        ),
        { numRuns: 300 },
      );
    }
  });

  it('queue_log lines with random parameters never crash the joined Asterisk parse', () => {
    const event = fc.constantFrom(
      'ENTERQUEUE',
      'CONNECT',
      'COMPLETEAGENT',
      'COMPLETECALLER',
      'TRANSFER',
      'BLINDTRANSFER',
      'ATTENDEDTRANSFER',
      'ABANDON',
      'EXITWITHKEY',
      'EXITWITHTIMEOUT',
      'EXITEMPTY',
      'RINGNOANSWER',
      'AGENTDUMP',
      'SYSCOMPAT',
      'DID',
      'WHATEVER',
    );
    const line = fc
      .tuple(
        fc.integer({ min: 1699990000, max: 1700010000 }),
        fc.constantFrom('1.1', '1.2', 'NONE'),
        event,
        fc.array(fc.oneof(fc.integer({ min: -5, max: 99999 }).map(String), fc.string({ maxLength: 5 })), {
          maxLength: 6,
        }),
      )
      .map(([t, id, e, data]) => [t, id, 'q', 'Alice', e, ...data].join('|'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const p = parseAsterisk(
          [{ text: lines.join('\n'), file: 'q' }],
          [{ text: fixture('asterisk/Master.csv'), file: 'm' }],
          'UTC',
        );
        expectAccounted(p);
      }),
      { numRuns: 300 },
    );
  });

  it('re-deriving from arbitrary stored records never crashes and accounts for every record', () => {
    const key = fc.constantFrom(
      'time',
      'callid',
      'queuename',
      'agent',
      'event',
      'data1',
      'data2',
      'disposition',
      'start',
      'end',
      'answer',
      'linkedid',
      'ContactId',
      'InitialContactId',
      'PreviousContactId',
      'InitiationMethod',
      'InitiationTimestamp',
      'Agent.ConnectedToAgentTimestamp',
      'Agent.AgentInteractionDuration',
      'Queue.EnqueueTimestamp',
      'Queue[0].x',
      'jsonLine',
      'dstchannel',
      'uniqueid',
      'lastapp',
      'path',
      'conversation.conversationId',
      'conversation.conversationStart',
      'participant.purpose',
      'participant.participantId',
      'session.sessionId',
      'session.mediaType',
      'segment.segmentType',
      'segment.segmentStart',
      'segment.segmentEnd',
    );
    const value = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom(
        '1700000000',
        '1.1',
        'CONNECT',
        'ENTERQUEUE',
        'ABANDON',
        'ANSWERED',
        '2023-11-14T10:00:00Z',
        '[1,2]',
        '-5',
        'CALLBACK',
        'Queue',
        'acd',
        'agent',
        'interact',
        'voice',
        'callback',
        'participants[0].sessions[0].segments[0]',
        'participants[1]',
      ),
    );
    const record = fc
      .record({ line: fc.nat(50), raw: fc.dictionary(key, value, { maxKeys: 8 }) })
      .map(({ line, raw }) => ({ origin: { file: 'f', line }, raw }));
    fc.assert(
      fc.property(
        fc.uniqueArray(record, { maxLength: 12, selector: (r) => r.origin.line }),
        fc.constantFrom('asterisk-queue-log', 'amazon-connect-ctr', 'genesys-cloud-conversations'),
        (records, id) => {
          const p = rederivePlatformCalls(id, records, 'UTC')!;
          expectAccounted(p);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('random bytes: the adapter opens the file or fails with one ReaderError line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callscope-fuzz-'));
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        const p = join(dir, 'f.bin');
        writeFileSync(p, bytes);
        try {
          const ex = await openPlatformExport(p, { fileLabel: 'f.bin', timeZone: 'UTC' });
          // What the adapter yields from garbage is accounted: a rejection names its line and one reason.
          for await (const batch of ex.batches) {
            for (const item of batch) {
              if (item.kind !== 'rejected') continue;
              expect(item.rejected.origin.line).toBeGreaterThan(0);
              expect(item.rejected.reason).toMatch(/^[^\n]+$/);
            }
          }
        } catch (e) {
          expect(e).toBeInstanceOf(ReaderError);
          expect((e as Error).message).not.toContain('\n');
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('wrong types at the known places', () => {
  it('Genesys and Connect survive every top-level field replaced by each JSON type', () => {
    const genesys = JSON.parse(fixture('genesys/conversations.json')) as { conversations: Record<string, unknown>[] };
    const connectLines = fixture('connect/ctr.jsonl')
      .split('\n')
      .filter((l) => l.startsWith('{"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const values: unknown[] = [null, 0, -1, 1e300, '', 'x', true, [], [1, 'a'], {}, { a: 1 }];
    for (const v of values) {
      for (const conv of genesys.conversations) {
        for (const k of Object.keys(conv)) {
          const doc = { conversations: [{ ...conv, [k]: v }] };
          checkAll(JSON.stringify(doc));
        }
        // Each participant field once per value: this loop sat inside the one above, which checked the same
        // documents again for every top-level field (3,784 documents parsed, 1,716 of them distinct).
        const participants = Array.isArray(conv['participants'])
          ? (conv['participants'] as Record<string, unknown>[])
          : [];
        for (const [pi, p] of participants.entries()) {
          for (const pk of Object.keys(p)) {
            const ps = participants.map((q, i) => (i === pi ? { ...q, [pk]: v } : q));
            checkAll(JSON.stringify({ conversations: [{ ...conv, participants: ps }] }));
          }
        }
      }
      for (const rec of connectLines) {
        for (const k of Object.keys(rec)) checkAll(JSON.stringify({ ...rec, [k]: v }));
      }
    }
  });
});
