// @vitest-environment happy-dom
// The calls view's layout: which list columns fit a width, the list/detail split,
// and full texts of truncated cells as tooltips.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CallsView from '../../src/renderer/src/views/CallsView.vue';
import {
  columnWidths,
  COLUMNS,
  fitColumns,
  fitWithReviewMark,
  ROW_CHROME_PX,
  ROW_PADDING_PX,
} from '../../src/renderer/src/components/columns';
import { DETAIL_MIN_PX, detailWidth, LIST_MIN_PX, shareOf } from '../../src/renderer/src/components/split';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import { useDetailStore } from '../../src/renderer/src/stores/detail';
import { useSettingsStore } from '../../src/renderer/src/stores/settings';
import { fakeLayout, advance, setupEnv, type TestEnv } from './mount-helpers';

const keys = (width: number) => fitColumns(width).map((c) => c.key);
const minSum = (width: number) => fitColumns(width).reduce((n, c) => n + c.min, ROW_CHROME_PX);

describe('list columns', () => {
  it('shows every column on a wide list, in their usual order', () => {
    expect(keys(1400)).toEqual(COLUMNS.map((c) => c.key));
    expect(keys(0)).toEqual(COLUMNS.map((c) => c.key)); // not measured yet
  });

  it('drops the least needed columns first and never overflows the width', () => {
    for (const width of [300, 480, 532, 640, 800, 1000, 1248]) {
      expect(minSum(width) <= width || fitColumns(width).length === 1).toBe(true);
    }
    // Beside the detail at 1280 × 720 (about 545 px): when, who called, what kind, how it ended.
    expect(keys(545)).toEqual(['start', 'callerNumber', 'type', 'outcome']);
    expect(keys(280)).toEqual(['start']);
    expect(keys(800)).toEqual(['start', 'callerNumber', 'queue', 'agent', 'type', 'outcome']);
  });

  it('gives fixed columns their width and shares the spare width among growing ones', () => {
    const shown = fitColumns(545);
    expect(columnWidths(shown, 16 + 196 + 118 + 104 + 102)).toEqual([196, 118, 104, 102]);
    // 90 px spare: caller's number grows by 0.8 / 1.8 of it, type by 1 / 1.8.
    expect(columnWidths(shown, 16 + 196 + 118 + 104 + 102 + 90)).toEqual([196, 118 + 40, 104 + 50, 102]);
    for (const width of [600, 900, 1248, 1900]) {
      const px = columnWidths(fitColumns(width), width);
      expect(px.reduce((a, b) => a + b, ROW_PADDING_PX)).toBeLessThanOrEqual(width);
      expect(px.reduce((a, b) => a + b, ROW_PADDING_PX)).toBeGreaterThan(width - fitColumns(width).length);
    }
  });
});

describe('list / detail split', () => {
  it('keeps both sides at their minimum widths and follows the wanted share between', () => {
    expect(detailWidth(1248, 0.57, 10)).toBe(Math.round(1238 * 0.57));
    expect(detailWidth(1248, 0.95, 10)).toBe(1238 - LIST_MIN_PX);
    expect(detailWidth(1248, 0.1, 10)).toBe(DETAIL_MIN_PX);
    // Too narrow for both: the detail keeps its minimum (the list gives way).
    expect(detailWidth(800, 0.57, 10)).toBe(DETAIL_MIN_PX);
    expect(shareOf(1248, detailWidth(1248, 0.5, 10), 10)).toBeCloseTo(0.5, 2);
  });
});

describe('calls view layout', () => {
  let env: TestEnv;
  afterEach(() => vi.useRealTimers());
  beforeEach(() => {
    env = setupEnv({ generated: 40 });
  });
  const stubs = { EventChart: { template: '<div data-testid="event-chart" />' } };

  it('drops columns on a narrow list and shows a long queue name in full as a tooltip', async () => {
    fakeLayout(640, 500);
    const long = 'Kundeservice – erhverv, fakturaspørgsmål og betalingsaftaler (Jylland)';
    const search = env.api.calls.search;
    env.api.calls.search = async (q) => {
      const page = await search(q);
      return {
        ...page,
        rows: page.rows.map((r, i) => (i === 0 ? { ...r, queue: long, queues: [long], answeringQueue: long } : r)),
      };
    };
    const w = mount(CallsView, { attachTo: document.body, global: { plugins: env.plugins, stubs } });
    await flushPromises();
    await advance(20);
    const headers = w
      .findAll('[role=columnheader]:not(.col-review)')
      .map((h) => h.get('button').attributes('data-testid'));
    // 500 px: the review mark (#15) gives way to the key columns.
    expect(headers).toEqual(['sort-start', 'sort-callerNumber', 'sort-outcome']);
    expect(w.findAll('.col-review')).toHaveLength(0);
    w.unmount();

    fakeLayout(640, 1400);
    const wide = mount(CallsView, { attachTo: document.body, global: { plugins: env.plugins, stubs } });
    await flushPromises();
    await advance(20);
    const cell = wide.findAll('[data-testid=call-row]')[0]!.get('.col-queue');
    expect(cell.text()).toBe(long);
    expect(cell.attributes('title')).toBe(long);
    wide.unmount();
  });

  it('below 1200 px the call takes the full width, with a toggle back to the list (issue 14 item 19)', async () => {
    fakeLayout(640, 1000);
    const w = mount(CallsView, { attachTo: document.body, global: { plugins: env.plugins, stubs } });
    await flushPromises();
    await advance(20);
    await w.findAll('[data-testid=call-row]')[0]!.trigger('click');
    await flushPromises();
    const list = w.get('[data-testid=call-list]').element.parentElement as HTMLElement;
    expect(list.style.display).toBe('none');
    expect(w.find('[data-testid=split-handle]').exists()).toBe(false);
    expect(w.get('[data-testid=call-detail]').isVisible()).toBe(true);
    // Focus goes with what is shown (it fell to the page body): the call's Back button, then the list.
    expect(document.activeElement).toBe(w.get('[data-testid=detail-back]').element);
    await w.get('[data-testid=detail-back]').trigger('click');
    await flushPromises();
    expect(list.style.display).toBe('');
    expect(document.activeElement).toBe(w.get('[data-testid=call-list]').element);
    expect(useDetailStore().callId).not.toBeNull(); // the call stays open, one click away
    await w.get('[data-testid=detail-show]').trigger('click');
    await flushPromises();
    expect(list.style.display).toBe('none');
    expect(document.activeElement).toBe(w.get('[data-testid=detail-back]').element);
    w.unmount();
  });

  it('opens the call beside the list behind a splitter that resizes with the keyboard', async () => {
    fakeLayout(640, 1248);
    const w = mount(CallsView, { attachTo: document.body, global: { plugins: env.plugins, stubs } });
    await flushPromises();
    await advance(20);
    expect(w.find('[data-testid=split-handle]').exists()).toBe(false);
    await useDetailStore().open(useCallsStore().rowAt(0)!.callId);
    await flushPromises();
    const handle = w.get('[data-testid=split-handle]');
    const before = Number(handle.attributes('aria-valuenow'));
    expect(before).toBe(detailWidth(1248, useSettingsStore().detailShare, 10));
    await handle.trigger('keydown', { key: 'ArrowLeft' });
    expect(Number(w.get('[data-testid=split-handle]').attributes('aria-valuenow'))).toBe(before + 40);
    await handle.trigger('keydown', { key: 'End' });
    expect(Number(w.get('[data-testid=split-handle]').attributes('aria-valuenow'))).toBe(DETAIL_MIN_PX);
    // Remembered for the next start.
    expect(Number(localStorage.getItem('callscope.detailShare'))).toBeCloseTo(DETAIL_MIN_PX / 1238, 3);
    expect(w.get('[data-testid=call-detail]').attributes('style')).toContain(`flex-basis: ${DETAIL_MIN_PX}px`);
    w.unmount();
  });
});

describe('an empty archive while an import runs (issue 14 item 15)', () => {
  it('says an import is running instead of "import to begin"', async () => {
    const env = setupEnv({ generated: 0 });
    fakeLayout(640, 1280);
    const { useArchiveStore } = await import('../../src/renderer/src/stores/archive');
    const { useImportsStore } = await import('../../src/renderer/src/stores/imports');
    useArchiveStore().info = {
      path: '/tmp/a.callscope',
      isDemo: false,
      calls: 0,
      imports: 0,
      firstCall: null,
      lastCall: null,
      schemaVersion: 1,
      appVersion: 'test',
    };
    env.api.calls.search = async () => ({ rows: [], total: 0, nextCursor: null });
    const w = mount(CallsView, { global: { plugins: env.plugins } });
    await flushPromises();
    expect(w.get('[data-testid=empty-archive]').text()).toContain('Import call-events exports to begin');
    useImportsStore().progress = {
      jobId: 'j1',
      state: 'running',
      fileIndex: 0,
      fileCount: 1,
      bytesRead: 10,
      bytesTotal: 100,
      rows: 5,
      calls: 1,
      etaSec: null,
      results: [],
      error: null,
    };
    await flushPromises();
    expect(w.get('[data-testid=empty-importing]').text()).toBe(
      'An import is running: its calls appear here when it has finished.',
    );
    w.unmount();
  });
});

describe('fitWithReviewMark', () => {
  it('shows the review mark only where the key columns still fit beside it', () => {
    const wide = fitWithReviewMark(1400, 76);
    expect(wide.reviewMark).toBe(true);
    expect(wide.width).toBe(1400 - 76);
    const narrow = fitWithReviewMark(500, 76);
    expect(narrow.reviewMark).toBe(false);
    expect(narrow.columns.map((c) => c.key)).toEqual(fitColumns(500).map((c) => c.key));
    expect(fitWithReviewMark(0, 76)).toMatchObject({ reviewMark: true, columns: COLUMNS });
  });
});
