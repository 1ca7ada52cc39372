// @vitest-environment happy-dom
// Issue 14 item 8: the matched part of a list cell is marked, by the archive's own rule — and a
// number fragment that matches a call id shows it in the call-id column.
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { highlightParts } from '../../src/renderer/src/components/highlight';
import CallTable from '../../src/renderer/src/components/CallTable.vue';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import { useListColumnsStore } from '../../src/renderer/src/stores/list-columns';
import { fakeLayout, setupEnv, type TestEnv } from './mount-helpers';

const marked = (cell: string, text: string, kind: 'number' | 'name' | 'id') =>
  highlightParts(cell, text, kind)
    .filter((p) => p.mark)
    .map((p) => p.text);

describe('highlightParts', () => {
  it('marks a number fragment by its digits, whatever spaces or "+" the number is written with', () => {
    expect(highlightParts('+45 12 34 56', '1234', 'number')).toEqual([
      { text: '+45 ', mark: false },
      { text: '12 34', mark: true },
      { text: ' 56', mark: false },
    ]);
    // A typed number with spaces is one word of its digits, as the archive searches it.
    expect(marked('4749999316', '49 99', 'number')).toEqual(['4999']);
    expect(marked('4749999316', '999', 'number')).toEqual(['9999']); // overlapping matches merge
  });

  it('marks words of three or more characters anywhere, case-insensitively, every word of the text', () => {
    expect(marked('Q_Kundeservice', 'kunde', 'name')).toEqual(['Kunde']);
    expect(marked('Anna Holm +2', 'holm ann', 'name')).toEqual(['Ann', 'Holm']);
    expect(marked('731000008626', '8626', 'id')).toEqual(['8626']);
  });

  it('marks one- and two-character words only at the start, and never in the call id', () => {
    expect(marked('4749999316', '47', 'number')).toEqual(['47']);
    expect(marked('4749999316', '99', 'number')).toEqual([]); // "99" matches only the start
    expect(marked('Anna Holm', 'an', 'name')).toEqual(['An']);
    expect(marked('gen-0000099', '99', 'id')).toEqual([]);
  });

  it('leaves a cell without a match as one plain part, and does not mark where lower-casing changes lengths', () => {
    expect(highlightParts('Support', 'xyz', 'name')).toEqual([{ text: 'Support', mark: false }]);
    expect(highlightParts('İstanbul', 'stan', 'name')).toEqual([{ text: 'İstanbul', mark: false }]);
    expect(highlightParts('Support', undefined, 'name')).toEqual([{ text: 'Support', mark: false }]);
  });
});

describe('the list marks what the search matched', () => {
  let env: TestEnv;
  beforeEach(() => {
    localStorage.clear();
    env = setupEnv({ generated: 300 });
    fakeLayout(640, 1600);
  });

  it('a call-id fragment: the call-id column (chosen) shows it marked, with words for screen readers', async () => {
    const calls = useCallsStore();
    useListColumnsStore().toggle('callId');
    const w = mount(CallTable, { attachTo: document.body, global: { plugins: env.plugins } });
    calls.text = 'gen-00001';
    await calls.refresh();
    await flushPromises();
    const row = w.get('[data-testid=call-row]');
    const cell = row.get('.col-callId');
    expect(cell.get('mark.hit').text()).toBe('gen-00001');
    expect(cell.text()).toMatch(/^gen-00001\d\d$/);
    // The table carries the translated words the marks announce (CSS content, off screen).
    const style = w.get('.call-table').attributes('style') ?? '';
    expect(style).toContain('--mark-start: " match: "');
    expect(style).toContain('--mark-end: " end of match "');
    // Other columns hold no match: no marks there.
    expect(row.find('.col-queue mark').exists()).toBe(false);
    w.unmount();
  });

  it('marks the rows of the search shown, not of keys typed since (the rows are not yet theirs)', async () => {
    const calls = useCallsStore();
    const w = mount(CallTable, { attachTo: document.body, global: { plugins: env.plugins } });
    calls.text = 'Support';
    await calls.refresh();
    await flushPromises();
    expect(w.get('[data-testid=call-row] .col-queue mark').text()).toBe('Support');
    calls.text = 'Supportx'; // typed, not yet searched
    await flushPromises();
    expect(w.get('[data-testid=call-row] .col-queue mark').text()).toBe('Support');
    w.unmount();
  });
});
