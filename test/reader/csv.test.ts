import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readExportItems } from '../../src/main/readers/index';
import { readText, rows } from './helpers';

const fixtures = join(__dirname, '..', 'fixtures', 'reader');

describe('CSV call-events reader', () => {
  it('reads a comma-separated UTF-8 export into normalised rows with UTC times and source lines', async () => {
    const { description, items } = await readExportItems(join(fixtures, 'basic.csv'), { timeZone: 'Europe/Copenhagen' });
    expect(description).toMatchObject({ format: 'call-events-csv', table: 'call_events', encoding: 'utf-8', delimiter: ',' });
    const r = rows(items);
    expect(r).toHaveLength(4);
    expect(r.map((x) => x.origin.line)).toEqual([2, 3, 4, 5]);
    expect(r[0]).toMatchObject({ callId: '1001', sessionId: 's1', eventType: 'i', start: Date.UTC(2024, 2, 5, 9, 0, 0) });
    expect(r[1]).toMatchObject({ eventType: 'm', resultCode: 'k', menuName: 'Welcome', durationSec: 12 });
    expect(r[2]).toMatchObject({ eventType: 'q', queueKey: 'support', durationSec: 30.5 });
    expect(r[3]).toMatchObject({
      eventType: 'c', agentId: 'a17', speakStart: Date.UTC(2024, 2, 5, 9, 0, 50), speakSec: 110, start: Date.UTC(2024, 2, 5, 9, 0, 42, 500),
    });
  });

  it('keeps the last record when the file has no final newline', async () => {
    const { items } = await readText('call_id,event_type,dte_start,duration_tot_sec\n1,i,2024-01-01 00:00:00,0\n2,i,2024-01-01 00:00:01,0');
    expect(rows(items).map((r) => [r.callId, r.origin.line])).toEqual([['1', 2], ['2', 3]]);
  });
});
