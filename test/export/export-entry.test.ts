// The action-log entry of an export: the file by name with its SHA-256, and a summary in words.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportEntry } from '../../src/main/export/export-entry';

const dir = mkdtempSync(join(tmpdir(), 'callscope-entry-'));
const file = join(dir, 'one.csv');
writeFileSync(file, 'call_id\r\n7\r\n');

describe('exportEntry', () => {
  it('says one call in the singular and names the file with its SHA-256', async () => {
    const entry = await exportEntry({ format: 'csv', timeZone: 'UTC', calls: 1, events: 0, callsPath: file });
    expect(entry.summary).toBe('exported 1 call to one.csv (CSV)');
    expect(entry.details).toMatchObject({
      file: 'one.csv',
      sha256: createHash('sha256').update('call_id\r\n7\r\n').digest('hex'),
    });
    const two = await exportEntry({ format: 'csv', timeZone: 'UTC', calls: 2, events: 0, callsPath: file });
    expect(two.summary).toBe('exported 2 calls to one.csv (CSV)');
  });
});
