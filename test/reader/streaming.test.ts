// The streaming contract of openExport: batches, progress, header-only files, early stop.
import { describe, expect, it } from 'vitest';
import { BATCH_SIZE, openExport, openExportSource } from '../../src/main/readers/index';
import { fileSource } from '../../src/main/readers/byte-source';
import { writeTemp } from './helpers';

const HEADER = 'call_id,event_type,dte_start,duration_tot_sec\n';

describe('openExport streaming', () => {
  it('yields batches of at most BATCH_SIZE items in file order, with progress up to bytesTotal', async () => {
    const n = BATCH_SIZE * 3 + 17;
    let text = HEADER;
    for (let i = 1; i <= n; i++) text += `${i},i,2024-01-01 00:00:00,0\n`;
    const ex = await openExport(writeTemp(text), { timeZone: 'UTC' });
    expect(ex.bytesTotal).toBe(Buffer.byteLength(text));
    const sizes: number[] = [];
    const progress: number[] = [];
    let next = 1;
    for await (const batch of ex.batches) {
      sizes.push(batch.length);
      progress.push(ex.bytesRead());
      for (const item of batch) {
        expect(item.kind === 'row' && item.row.callId).toBe(String(next));
        expect(item.kind === 'row' && item.row.origin.line).toBe(next + 1);
        next++;
      }
    }
    expect(next - 1).toBe(n);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(BATCH_SIZE);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(ex.bytesTotal);
  });

  it('reads a header-only file as an export with no records', async () => {
    const ex = await openExport(writeTemp(HEADER), { timeZone: 'UTC' });
    expect(ex.description.table).toBe('call_events');
    const all = [];
    for await (const batch of ex.batches) all.push(...batch);
    expect(all).toEqual([]);
  });

  it('can be stopped early (breaking out of the loop closes the file)', async () => {
    let text = HEADER;
    for (let i = 1; i <= 20_000; i++) text += `${i},i,2024-01-01 00:00:00,0\n`;
    const ex = await openExport(writeTemp(text), { timeZone: 'UTC' });
    for await (const batch of ex.batches) {
      expect(batch.length).toBeGreaterThan(0);
      break;
    }
    expect(ex.bytesRead()).toBeLessThan(ex.bytesTotal);
    await ex.close(); // idempotent after the loop closed it
  });

  it('gives the same items parsed in pieces (pieceBytes), in smaller batches, whatever the encoding', async () => {
    let text = 'call_id,event_type,dte_start,duration_tot_sec,note\n';
    for (let i = 1; i <= 16_000; i++) text += `${i},i,2024-01-01 00:00:00,0,Søren Åberg ✓ 𝄞 ${i}\n`;
    for (const bytes of [Buffer.from(text), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])]) {
      expect(bytes.length).toBeGreaterThan(3 * 256 * 1024); // several read chunks
      const path = writeTemp(bytes);
      const read = async (pieceBytes?: number) => {
        const ex = await openExportSource(fileSource(path), { timeZone: 'UTC', fileLabel: 'x.csv', pieceBytes });
        const items: unknown[] = [];
        let largest = 0;
        for await (const batch of ex.batches) {
          items.push(...batch);
          largest = Math.max(largest, batch.length);
        }
        return { items, largest };
      };
      const whole = await read();
      const pieces = await read(1001); // odd: pieces end inside characters and UTF-16 code units
      expect(pieces.items).toHaveLength(16_000);
      expect(pieces.items).toEqual(whole.items);
      expect(pieces.largest).toBeLessThan(whole.largest);
    }
  });
});
