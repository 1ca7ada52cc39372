// Companion tables recognised by their headers (any file name), and header recognition in general.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readExportItems } from '../../src/main/readers/index';
import { recogniseHeader } from '../../src/shared/reader/columns';

const fixtures = join(__dirname, '..', 'fixtures', 'reader');
const read = (name: string) => readExportItems(join(fixtures, name), { timeZone: 'Europe/Copenhagen' });

describe('companion tables', () => {
  it('agents: agent_id → name; a record without a name is kept, not lost', async () => {
    const { description, items } = await read('agents.csv');
    expect(description).toMatchObject({ table: 'agents', delimiter: ';' });
    expect(items[0]).toMatchObject({ kind: 'agent', agentId: 'a17', name: 'Anne Ås', origin: { line: 2 } });
    expect(items[0]?.kind === 'agent' && items[0].raw).toEqual({
      agent_id: 'a17',
      Name: 'Anne Ås',
      email: 'anne@example.com',
    });
    expect(items[1]).toMatchObject({ kind: 'kept', table: 'agents', origin: { line: 3 } });
  });

  it('queues: queue_key → description', async () => {
    const { description, items } = await read('queues.csv');
    expect(description.table).toBe('queues');
    expect(items.map((i) => (i.kind === 'queue' ? [i.queueKey, i.name] : i.kind))).toEqual([
      ['support', 'Support DK'],
      ['__Callout_1', 'Outbound'],
    ]);
  });

  it('menus / modules: module_id → module_name (tab-separated)', async () => {
    const { description, items } = await read('modules.tsv');
    expect(description).toMatchObject({ table: 'menus', delimiter: '\t' });
    expect(items[0]).toMatchObject({ kind: 'menu', menuId: '55', name: 'Welcome message' });
  });

  it('enqreg_header: enquiry registrations linked by call_id, with agent and local time', async () => {
    const { description, items } = await read('enqreg_header.csv');
    expect(description).toMatchObject({ table: 'enquiry_registrations', tableName: 'enqreg_header' });
    expect(items[0]).toMatchObject({
      kind: 'registration',
      registration: { callId: '1001', agentId: 'a17', text: 'Invoice question', at: Date.UTC(2024, 2, 5, 9, 3) },
    });
  });

  it('call_variables as JSON Lines: numbers become text', async () => {
    const { description, items } = await read('call_variables.jsonl');
    expect(description).toMatchObject({ format: 'call-events-jsonl', table: 'call_variables' });
    expect(items.map((i) => (i.kind === 'variable' ? [i.callId, i.name, i.value, i.origin.line] : i.kind))).toEqual([
      ['1001', 'contact_id', 'C-77', 1],
      ['1001', 'campaign_id', '12', 2],
    ]);
  });

  it.each([
    ['call_events_extras.csv', 'call_events_extras'],
    ['call_relations.csv', 'call_relations'],
    ['surveys.csv', 'surveys'],
    ['agent_events.csv', 'agent_events'],
  ])('%s is recognised and its records are kept as exported', async (file, table) => {
    const { description, items } = await read(file);
    expect(description).toMatchObject({ table: 'other', tableName: table });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'kept', table, origin: { line: 2 } });
    expect(items[0]?.kind === 'kept' && Object.keys(items[0].raw).length).toBeGreaterThan(1);
  });
});

describe('header recognition', () => {
  it('names what is missing from a call_events header', () => {
    const r = recogniseHeader(['call_id', 'event_type', 'dte_start']);
    expect(r).toEqual({ ok: false, error: 'call_events header lacks required column(s): duration_tot_sec' });
  });

  it('refuses an unknown header and lists the tables it expects', () => {
    const r = recogniseHeader(['name', 'address', 'zip']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(
      /not a known export table \(name, address, zip\); expected a call_events header .* agents/,
    );
  });

  it('renames duplicate and empty column names instead of losing them', () => {
    const r = recogniseHeader(['call_id', 'event_type', 'dte_start', 'duration_tot_sec', 'note', 'note', '']);
    expect(r.ok && r.layout.columns).toEqual([
      'call_id',
      'event_type',
      'dte_start',
      'duration_tot_sec',
      'note',
      'note_2',
      'column_7',
    ]);
  });
});

describe('raw records', () => {
  it('keeps every column by its name as written, whatever the name', async () => {
    const { rawFactory } = await import('../../src/shared/reader/records');
    const columns = ['a"b', "it's", 'back\\slash', 'ny\nlinje', 'Kø', '__proto__x', 'constructor'];
    const raw = rawFactory(columns)(['1', '2', '3', '4', '5', '6']);
    expect(raw).toEqual({
      'a"b': '1',
      "it's": '2',
      'back\\slash': '3',
      'ny\nlinje': '4',
      Kø: '5',
      __proto__x: '6',
      constructor: '',
    });
    const proto = rawFactory(['__proto__', 'x'])(['p', 'q']);
    expect(Object.keys(proto)).toEqual(['__proto__', 'x']);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
  });

  it('keeps an extra column named __proto__ as data', async () => {
    const { readText, rows } = await import('./helpers');
    const r = rows(
      (await readText('call_id,event_type,dte_start,duration_tot_sec,__proto__\n1,i,2024-01-01 00:00:00,0,x\n', 'UTC'))
        .items,
    )[0];
    expect(Object.keys(r?.extras ?? {})).toEqual(['__proto__']);
    expect(JSON.stringify(r?.extras)).toBe('{"__proto__":"x"}');
  });
});
