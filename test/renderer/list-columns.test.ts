// @vitest-environment happy-dom
// Issue 14 item 10: a column chooser and resizable columns, remembered; the choice works with
// the automatic fitting of a narrow list (the key columns stay longest).
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  chosenColumns,
  defaultColumnState,
  keyedWidth,
  MAX_COLUMN_PX,
  MIN_COLUMN_PX,
  parseColumnState,
  resetColumnWidth,
  setColumnWidth,
  toggleColumn,
  type ColumnState,
} from '../../src/renderer/src/components/column-state';
import { ALL_COLUMNS, fitWithReviewMark, type ColumnKey } from '../../src/renderer/src/components/columns';
import CallTable from '../../src/renderer/src/components/CallTable.vue';
import ColumnChooser from '../../src/renderer/src/components/ColumnChooser.vue';
import { LIST_COLUMNS_KEY, useListColumnsStore } from '../../src/renderer/src/stores/list-columns';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import { fakeLayout, setupEnv, type TestEnv } from './mount-helpers';

const KEYS: ColumnKey[] = ALL_COLUMNS.map((c) => c.key);
const keysOf = (cols: { key: ColumnKey }[]) => cols.map((c) => c.key);

describe('column state', () => {
  it('hides the call id until it is chosen, and never hides the last column', () => {
    const s = defaultColumnState();
    expect(keysOf(chosenColumns(ALL_COLUMNS, s))).not.toContain('callId');
    const withId = toggleColumn(s, 'callId', KEYS);
    expect(keysOf(chosenColumns(ALL_COLUMNS, withId))).toContain('callId');
    let one: ColumnState = { hidden: KEYS.filter((k) => k !== 'start'), widths: {} };
    one = toggleColumn(one, 'start', KEYS);
    expect(one.hidden).not.toContain('start');
  });

  it('reads back what it stored, and anything unreadable as the default', () => {
    const s = setColumnWidth(toggleColumn(defaultColumnState(), 'queue', KEYS), 'agent', 200);
    expect(parseColumnState(JSON.stringify(s), KEYS)).toEqual(s);
    expect(parseColumnState('{not json', KEYS)).toEqual(defaultColumnState());
    expect(parseColumnState(null, KEYS)).toEqual(defaultColumnState());
    expect(parseColumnState(JSON.stringify({ hidden: KEYS, widths: {} }), KEYS)).toEqual(defaultColumnState());
    expect(
      parseColumnState(JSON.stringify({ hidden: ['gone', 'queue'], widths: { agent: 5000, x: 3, type: 'a' } }), KEYS),
    ).toEqual({ hidden: ['queue'], widths: { agent: MAX_COLUMN_PX } });
  });

  it('keeps widths within bounds; keys step by 8 px (Shift 40), Home / End to the bounds', () => {
    expect(setColumnWidth(defaultColumnState(), 'queue', 3).widths.queue).toBe(MIN_COLUMN_PX);
    expect(keyedWidth(150, 'ArrowRight', false)).toBe(158);
    expect(keyedWidth(150, 'ArrowLeft', true)).toBe(110);
    expect(keyedWidth(150, 'Home', false)).toBe(MIN_COLUMN_PX);
    expect(keyedWidth(150, 'End', false)).toBe(MAX_COLUMN_PX);
    expect(keyedWidth(150, 'a', false)).toBeNull();
    expect(resetColumnWidth(setColumnWidth(defaultColumnState(), 'queue', 300), 'queue').widths).toEqual({});
  });

  it('a resized column needs its width and stops growing; a column left alone still shares the spare width', () => {
    const cols = chosenColumns(ALL_COLUMNS, setColumnWidth(defaultColumnState(), 'queue', 300));
    const queue = cols.find((c) => c.key === 'queue')!;
    expect([queue.min, queue.grow]).toEqual([300, 0]);
    expect(cols.find((c) => c.key === 'agent')!.grow).toBeGreaterThan(0);
  });

  it('works with the fitting: chosen columns still give way on a narrow list, the key columns last', () => {
    // Beside an open call at 1280 px (about 545 px for the list): the key columns, even with the call id chosen.
    const chosen = chosenColumns(ALL_COLUMNS, toggleColumn(defaultColumnState(), 'callId', KEYS));
    expect(keysOf(fitWithReviewMark(545, 76, chosen).columns)).toEqual(['start', 'callerNumber', 'type', 'outcome']);
    // Wide: every chosen column, the call id beside the start.
    expect(keysOf(fitWithReviewMark(1900, 76, chosen).columns).slice(0, 3)).toEqual([
      'start',
      'callId',
      'callerNumber',
    ]);
    // A low-priority column widened a lot gives way sooner; it does not push the key columns out.
    const wide = chosenColumns(ALL_COLUMNS, setColumnWidth(defaultColumnState(), 'agent', 600));
    const fitted = keysOf(fitWithReviewMark(900, 76, wide).columns);
    expect(fitted).toEqual(expect.arrayContaining(['start', 'callerNumber', 'type', 'outcome']));
    expect(fitted).not.toContain('agent');
    // A hidden key column is simply not there; the others still fit.
    const noType = chosenColumns(ALL_COLUMNS, toggleColumn(defaultColumnState(), 'type', KEYS));
    expect(keysOf(fitWithReviewMark(545, 76, noType).columns)).not.toContain('type');
  });
});

describe('the column chooser and the resize handles', () => {
  let env: TestEnv;
  beforeEach(() => {
    localStorage.clear();
    env = setupEnv({ generated: 300 });
  });

  async function mountBoth(width: number) {
    fakeLayout(640, width);
    const table = mount(CallTable, { attachTo: document.body, global: { plugins: env.plugins } });
    const chooser = mount(ColumnChooser, { attachTo: document.body, global: { plugins: env.plugins } });
    await useCallsStore().refresh();
    await flushPromises();
    return { table, chooser };
  }
  const headers = (w: ReturnType<typeof mount>) =>
    w.findAll('[role=columnheader]').map((h) => h.attributes('data-testid') ?? 'review');

  it('shows the call id when chosen, and remembers the choice (localStorage)', async () => {
    const { table, chooser } = await mountBoth(1900);
    expect(headers(table)).not.toContain('head-callId');
    await chooser.get('[data-testid=columns-open]').trigger('click');
    await chooser.get('[data-testid=column-callId]').setValue(true);
    await flushPromises();
    expect(headers(table)).toContain('head-callId');
    expect(table.get('[data-testid=head-callId]').find('button').exists()).toBe(false); // not a sort order
    await chooser.get('[data-testid=column-accessNumber]').setValue(false);
    await flushPromises();
    expect(headers(table)).not.toContain('head-accessNumber');
    expect(JSON.parse(localStorage.getItem(LIST_COLUMNS_KEY)!)).toMatchObject({ hidden: ['accessNumber'] });
    // Reset: the defaults again.
    await chooser.get('[data-testid=columns-reset]').trigger('click');
    await flushPromises();
    expect(headers(table)).toContain('head-accessNumber');
    expect(headers(table)).not.toContain('head-callId');
    table.unmount();
    chooser.unmount();
  });

  it('says which chosen columns the list has no room for at its width', async () => {
    const { table, chooser } = await mountBoth(700);
    await chooser.get('[data-testid=columns-open]').trigger('click');
    expect(chooser.find('[data-testid=column-noroom-callbackAttempts]').exists()).toBe(true);
    expect(chooser.find('[data-testid=column-noroom-start]').exists()).toBe(false);
    expect(chooser.find('[data-testid=column-noroom-callId]').exists()).toBe(false); // not chosen
    table.unmount();
    chooser.unmount();
  });

  it('resizes a column with the keyboard and the mouse; Delete gives back the automatic width', async () => {
    const { table, chooser } = await mountBoth(1900);
    const store = useListColumnsStore();
    const handle = table.get('[data-testid=resize-queue]');
    expect(handle.attributes('role')).toBe('separator');
    expect(handle.attributes('aria-label')).toBe('Width of the column Queue');
    const before = Number(handle.attributes('aria-valuenow'));
    await handle.trigger('keydown', { key: 'ArrowRight' });
    await flushPromises();
    expect(store.state.widths.queue).toBe(before + 8);
    expect(table.get('[data-testid=resize-queue]').attributes('aria-valuenow')).toBe(String(before + 8));
    expect(JSON.parse(localStorage.getItem(LIST_COLUMNS_KEY)!).widths).toEqual({ queue: before + 8 });
    // Drag the edge 60 px to the right.
    await handle.trigger('pointerdown', { button: 0, clientX: 500, pointerId: 1 });
    await handle.trigger('pointermove', { clientX: 560, pointerId: 1 });
    await handle.trigger('pointerup', { pointerId: 1 });
    expect(store.state.widths.queue).toBe(before + 8 + 60);
    await handle.trigger('keydown', { key: 'Delete' });
    expect(store.state.widths.queue).toBeUndefined();
    table.unmount();
    chooser.unmount();
  });

  it('a remembered choice is there on the next start', async () => {
    localStorage.setItem(LIST_COLUMNS_KEY, JSON.stringify({ hidden: ['agent'], widths: { queue: 222 } }));
    env = setupEnv({ generated: 300 });
    const { table, chooser } = await mountBoth(1900);
    expect(headers(table)).not.toContain('head-agent');
    expect(table.get('[data-testid=resize-queue]').attributes('aria-valuenow')).toBe('222');
    table.unmount();
    chooser.unmount();
  });
});
