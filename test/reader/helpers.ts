// Helpers for reader tests: write a temporary export, read it fully.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readExportItems } from '../../src/main/readers/index';
import type { ReaderItem } from '../../src/shared/reader/types';
import type { CallEventRow } from '../../src/shared/model/call-events';

const dir = mkdtempSync(join(tmpdir(), 'callscope-reader-test-'));
let n = 0;

export function writeTemp(content: string | Buffer, name = `export-${++n}.csv`): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

export async function readText(content: string | Buffer, timeZone = 'Europe/Copenhagen') {
  return readExportItems(writeTemp(content), { timeZone, fileLabel: 'f.csv' });
}

export function rows(items: ReaderItem[]): CallEventRow[] {
  return items.flatMap((i) => (i.kind === 'row' ? [i.row] : []));
}

export function rejected(items: ReaderItem[]) {
  return items.flatMap((i) => (i.kind === 'rejected' ? [i.rejected] : []));
}

export const HEADER =
  'call_id,internal_iq_session_id,call_sequence,event_type,dte_start,duration_tot_sec,dte_speak_start,duration_speak_sec,source,destination,result_code,ciq,queue_key,agent_id,menu_name,rec_id,dte_updated';
