// A tiny generator of a plain call-events CSV for the convert bench, used when no
// simulator export is available. Realistic columns, simple inbound calls of
// 4 rows (initiation, welcome menu, queue, answered conversation); streamed to disk.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const HEADER =
  'call_id,internal_iq_session_id,call_sequence,event_type,dte_start,duration_tot_sec,dte_speak_start,' +
  'duration_speak_sec,source,destination,result_code,ciq,queue_key,agent_id,menu_name,rec_id,dte_updated,leg_type,media_type_id\n';

function local(ms: number): string {
  // The export's wall-clock format; the bench reads it back in UTC, so no zone maths here.
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
}

/** Writes at least `rowCount` rows (whole calls); returns the number written. */
export async function writeSyntheticExport(path: string, rowCount: number): Promise<number> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  out.write(HEADER);
  let t = Date.UTC(2024, 0, 1, 7, 0, 0);
  let rows = 0;
  let rec = 1;
  let buf = '';
  for (let call = 1; rows < rowCount; call++) {
    const id = 5_000_000 + call;
    const s = `${id}-1`;
    const wait = (call * 7919) % 240;
    const talk = 30 + ((call * 104729) % 600);
    const agent = `a${call % 150}`;
    const queue = `q${call % 12}`;
    const up = local(t + 3_600_000);
    const caller = `47${String(40_000_000 + ((call * 31) % 9_999_999))}`;
    buf +=
      `${id},${s},1,i,${local(t)},0,,,${caller},4722000000,,,,,,${rec++},${up},,1\n` +
      `${id},${s},2,m,${local(t)},8,,,,,k,,,,Welcome,${rec++},${up},,1\n` +
      `${id},${s},3,q,${local(t + 8000)},${wait},,,,,k,,${queue},,,${rec++},${up},,1\n` +
      `${id},${s},4,c,${local(t + 8000 + wait * 1000)},${talk + 12},${local(t + 10_000 + wait * 1000)},${talk},,9${agent},k,,${queue},${agent},,${rec++},${up},1,1\n`;
    rows += 4;
    t += 1000 + ((call * 13) % 9000);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return rows;
}
