// A call-events header the reader only partly understands still imports (missing columns read as
// empty), but not in silence: the import's report names the drawn columns the file lacks and lists
// the names no field reads among its unknown names. The spec's optional columns are neither.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/main/import/run-import';
import { HEADER, inboundRows, manyCalls, writeFile } from './fixtures';
import { freshArchive, TZ } from './helpers';

let s: ReturnType<typeof freshArchive>;
beforeEach(() => {
  s = freshArchive();
});
afterEach(() => s.archive.close());

/** The fixture export with its header edited: the rows stay as they are. */
function exportWith(header: string, calls = 3): string {
  const rows = manyCalls(calls).flatMap(inboundRows);
  return writeFile(s.dir, 'day.csv', `${header}\n${rows.join('\n')}\n`);
}

describe('header gaps in a call-events export', () => {
  it('a misspelt queue_key: the report says queue_key is missing and lists queue_kye with its records', async () => {
    const file = exportWith(HEADER.replace('queue_key', 'queue_kye'));
    const [record] = await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
    expect(record?.status).toBe('done');
    expect(record?.formatWhy).toMatch(/; without the column queue_key \(read as empty\)$/);
    expect(record?.unknownNames).toEqual([{ kind: 'field', name: 'queue_kye', count: record?.rowsRead }]);
  });

  it('two missing columns are named together', async () => {
    const file = exportWith(HEADER.replace('queue_key', 'queue_kye').replace('agent_id', 'agnet_id'));
    const [record] = await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
    expect(record?.formatWhy).toMatch(/; without the columns queue_key, agent_id \(read as empty\)$/);
    expect(record?.unknownNames?.map((u) => u.name)).toEqual(['queue_kye', 'agnet_id']);
  });

  it('the spec optional columns (leg_type, consult, …, rec_id, dte_updated, menu_name) are not remarked on', async () => {
    // The fixture header has rec_id, dte_updated and menu_name; a file without them and with leg_type
    // and consult as empty columns is still a complete export.
    const header = HEADER.replace(',rec_id,dte_updated', ',leg_type,consult').replace('menu_name', 'customer_key');
    const file = exportWith(header);
    const [record] = await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
    expect(record?.status).toBe('done');
    expect(record?.formatWhy).not.toMatch(/without the column/);
    expect(record?.unknownNames ?? []).toEqual([]);
  });
});
