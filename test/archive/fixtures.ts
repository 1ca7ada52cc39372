// Small call-events exports for the archive tests, written as the platform
// exports them (CSV, local Copenhagen times, one row per raw event).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HEADER =
  'call_id,internal_iq_session_id,call_sequence,event_type,dte_start,duration_tot_sec,dte_speak_start,duration_speak_sec,source,destination,result_code,ciq,queue_key,agent_id,menu_name,rec_id,dte_updated';

export interface SimpleCall {
  callId: string;
  /** Local start, "2026-03-02 09:00:00.000". */
  start: string;
  caller: string;
  agent: string | null;
  queue: string;
  waitSec: number;
  speakSec: number;
  /** rec_id base; a re-delivery uses new rec_ids. */
  recBase: number;
  updated?: string;
}

function addSec(local: string, sec: number): string {
  const d = new Date(local.replace(' ', 'T') + 'Z');
  d.setTime(d.getTime() + sec * 1000);
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** An inbound call: initiation, a menu, a queue, and (when agent) an answered conversation. */
export function inboundRows(c: SimpleCall): string[] {
  const s = c.callId.replace(/\D/g, '') || '1';
  const session = `${s}01`;
  const upd = c.updated ?? addSec(c.start, 3600);
  const total = 5 + c.waitSec + (c.agent ? c.speakSec + 10 : 0);
  const qStart = addSec(c.start, 5);
  const rows = [
    [c.callId, session, 1, 'i', c.start, total, '', '', c.caller, '70201020', '', '', '', '', '', c.recBase, upd],
    [c.callId, session, 2, 'm', c.start, 5, '', '', '', '', 'k', '', '', '', 'Welcome', c.recBase + 1, upd],
    [
      c.callId,
      session,
      3,
      'q',
      qStart,
      c.waitSec + (c.agent ? 0 : 0),
      '',
      '',
      '',
      '',
      c.agent ? 'k' : 'h',
      '',
      c.queue,
      '',
      '',
      c.recBase + 2,
      upd,
    ],
  ];
  if (c.agent) {
    const cStart = addSec(qStart, c.waitSec - 3);
    const speak = addSec(qStart, c.waitSec);
    rows.push([
      c.callId,
      session,
      4,
      'c',
      cStart,
      c.speakSec + 8,
      speak,
      c.speakSec,
      '',
      `SIP/${c.agent}`,
      'k',
      '',
      c.queue,
      c.agent,
      '',
      c.recBase + 3,
      upd,
    ]);
  }
  return rows.map((r) => r.join(','));
}

export function csv(rows: string[]): string {
  return `${HEADER}\n${rows.join('\n')}\n`;
}

export function tempDir(prefix = 'callscope-archive-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFile(dir: string, name: string, text: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const AGENTS = ['a101', 'a102', 'a103', 'a104'];
const QUEUES = ['support', 'sales', 'billing'];

/** n inbound calls over a few days, deterministic. */
export function manyCalls(n: number, firstId = 1000): SimpleCall[] {
  const out: SimpleCall[] = [];
  for (let i = 0; i < n; i++) {
    const day = 2 + (i % 5);
    const hour = 8 + (i % 9);
    const min = (i * 7) % 60;
    out.push({
      callId: String(firstId + i),
      start: `2026-03-0${day} ${String(hour).padStart(2, '0')}:${String(min).padStart(2, '0')}:00.000`,
      caller: `+4520${String(100000 + i * 37).padStart(6, '0')}`,
      agent: i % 4 === 3 ? null : (AGENTS[i % AGENTS.length] as string),
      queue: QUEUES[i % QUEUES.length] as string,
      waitSec: 10 + (i % 13) * 5,
      speakSec: 30 + (i % 17) * 11,
      recBase: 100000 + (firstId + i) * 10,
    });
  }
  return out;
}
