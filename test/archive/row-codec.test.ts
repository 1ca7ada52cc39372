// Raw-row storage: each record's values under the layout (column list) of its own
// keys, whatever the order or number of columns of the records before it.
import { describe, expect, it } from 'vitest';
import { decodeFields, decodeValues, Layouts } from '../../src/main/import/row-codec';
import { freshArchive } from './helpers';

describe('Layouts', () => {
  it('encodes each record under its own column list and decodes it back exactly', () => {
    const { archive } = freshArchive();
    try {
      const layouts = new Layouts(archive.db);
      const records: Record<string, string>[] = [
        { a: '1', b: '2' },
        { a: '3', b: '4' },
        { b: '5', a: '6' },
        { a: '7', b: '8', c: '9' },
        { a: '10' },
        { a: '11', b: '12' },
        { '2': 'x', a: 'y' },
        { a: 'z', '2': 'w' },
        {},
      ];
      const encoded = records.map((r) => layouts.encode(r));
      expect(encoded[0]!.layout).toBe(encoded[1]!.layout);
      expect(encoded[5]!.layout).toBe(encoded[0]!.layout);
      expect(new Set(encoded.map((e) => e.layout)).size).toBe(6);
      const columns = archive.db.prepare('SELECT columns FROM layouts WHERE id = ?').pluck();
      encoded.forEach((e, i) => {
        expect(decodeFields(columns.get(e.layout) as string, e.values)).toEqual(records[i]);
        expect(decodeValues(e.values)).toEqual(Object.values(records[i]!));
        expect(e.list).toEqual(Object.values(records[i]!));
      });
    } finally {
      archive.close();
    }
  });
});
