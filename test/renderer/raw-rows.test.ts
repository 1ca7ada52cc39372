// @vitest-environment happy-dom
// The raw-row view (#13 item 4): per event a keyboard-reachable disclosure with
// every field of every raw row behind it, result codes with the spec's meaning,
// and the call's kept / superseded rows with reasons; plus the detail header's
// evidence actions (pack, print, copy link).
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import RawRowsPanel from '../../src/renderer/src/components/RawRowsPanel.vue';
import EvidenceButton from '../../src/renderer/src/components/EvidenceButton.vue';
import { useDetailStore } from '../../src/renderer/src/stores/detail';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import type { CallDetail } from '../../src/shared/api/archive-api';
import type { Locale } from '../../src/shared/i18n/messages';
import { setupEnv } from './mount-helpers';

const LONG = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`col_${i}`, i === 5 ? '' : `v${i}`]));

const detail: CallDetail = {
  call: {
    callId: 'c-9',
    type: 'inbound',
    dialerMode: null,
    start: '2026-03-10T09:00:00.000Z',
    end: '2026-03-10T09:02:00.000Z',
    callerNumber: '+4511',
    accessNumber: null,
    queues: ['Support'],
    agents: ['Bo'],
    outcome: 'answered',
    timeBeforeAnswerSec: 30,
    waitTimeSec: 30,
    speakTimeSec: 90,
    callbackAttempts: null,
    registrations: [],
    events: [
      {
        type: 'queue',
        start: '2026-03-10T09:00:00.000Z',
        end: '2026-03-10T09:00:30.000Z',
        durationSec: 30,
        name: 'Support',
        agent: null,
        label: null,
        labelDa: null,
        result: 'k',
      },
      {
        type: 'conversation',
        start: '2026-03-10T09:00:30.000Z',
        end: '2026-03-10T09:02:00.000Z',
        durationSec: 90,
        name: null,
        agent: 'Bo',
        label: null,
        labelDa: null,
        result: 'k',
      },
    ],
  },
  eventSources: [[{ file: 'a.csv', line: 3 }], [{ file: 'a.csv', line: 4 }]],
  rawRows: [
    { origin: { file: 'a.csv', line: 2 }, importId: 1, fields: { call_id: 'c-9', event_type: 'i' }, status: 'used' },
    {
      origin: { file: 'a.csv', line: 3 },
      importId: 1,
      fields: { call_id: 'c-9', event_type: 'q', result_code: 'k', ...LONG },
      status: 'used',
    },
    { origin: { file: 'a.csv', line: 4 }, importId: 1, fields: { event_type: 'c', result_code: 'k' }, status: 'used' },
    {
      origin: { file: 'old.csv', line: 9 },
      importId: 2,
      fields: { call_id: 'c-9', event_type: 'q', result_code: 'h' },
      status: 'kept',
      reason: 'superseded by a re-delivery of session S1 in a.csv (newer dte_updated)',
    },
  ],
};

function mountPanel(locale: Locale = 'en') {
  const env = setupEnv({ locale });
  return mount(RawRowsPanel, { props: { detail }, global: { plugins: env.plugins } });
}

describe('raw-row view', () => {
  it('has one keyboard-reachable disclosure per event, with every field of its rows (not cut to ten)', async () => {
    const w = mountPanel();
    const events = w.findAll('[data-testid=raw-event]');
    expect(events).toHaveLength(2);
    // <summary> is focusable and toggles with Enter / Space in every browser.
    expect(events.every((e) => e.element.tagName === 'DETAILS' && e.find('summary').exists())).toBe(true);
    const queue = events[0]!;
    const rows = queue.findAll('[data-testid=raw-row]');
    expect(rows).toHaveLength(1);
    const cells = rows[0]!.findAll('tbody tr');
    expect(cells).toHaveLength(3 + 24);
    for (const [k, v] of Object.entries(LONG)) {
      const row = cells.find((c) => c.get('th').text() === k)!;
      expect(row.get('td').text()).toBe(v === '' ? '(empty)' : v);
    }
    expect(queue.text()).toContain('Result k: answered');
    expect(events[1]!.text()).toContain('Result k: answered (by a person or an answering machine)');
  });

  it('lists every row of the call with status and reason, kept ones whole', () => {
    const w = mountPanel();
    const all = w.get('[data-testid=raw-all]');
    expect(all.get('summary').text()).toContain('Every row of the call (4)');
    const lines = all.findAll('[data-testid=raw-accounting] tbody tr').map((r) => r.text());
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain('old.csv:9');
    expect(lines[3]).toContain('kept');
    expect(lines[3]).toContain('superseded by a re-delivery of session S1');
    const others = all.findAll('[data-testid=raw-row]').map((r) => r.text());
    expect(others).toHaveLength(2); // the initiation row and the superseded row
    expect(others[1]).toContain('Result h: caller hung up');
  });

  it('speaks Danish', () => {
    const w = mountPanel('da');
    expect(w.text()).toContain('Rå rækker for hændelse 1');
    expect(w.text()).toContain('Resultat k: besvaret');
    expect(w.get('[data-testid=raw-all]').text()).toContain('bevaret');
  });
});

describe('evidence actions', () => {
  it('saves the pack through the host, shows where, and copies a link holding the view', async () => {
    const env = setupEnv();
    const saved: unknown[] = [];
    env.host.saveEvidence = async (r) => (saved.push(r), 'callscope-evidence-c-9.html');
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(globalThis.navigator, 'clipboard', { configurable: true, value: { writeText } });
    const w = mount(EvidenceButton, { props: { callId: 'c-9' }, global: { plugins: env.plugins } });
    await w.get('[data-testid=evidence-pack]').trigger('click');
    await flushPromises();
    expect(saved).toEqual([{ callId: 'c-9', locale: 'en', format: 'html' }]);
    expect(w.get('[role=status]').text()).toBe('Saved callscope-evidence-c-9.html');
    expect(w.find('[data-testid=evidence-pdf]').exists()).toBe(false); // browser mode: print → PDF instead
    useCallsStore().text = '4512';
    await useDetailStore().open('in-0005');
    await w.get('[data-testid=copy-link]').trigger('click');
    await flushPromises();
    const url = new URL(writeText.mock.calls[0]![0]);
    expect(url.searchParams.get('q')).toBe('4512');
    expect(url.searchParams.get('call')).toBe('in-0005');
    expect(url.hash).toBe('');
  });

  it('shows a failure in one translated line', async () => {
    const env = setupEnv({ locale: 'da' });
    env.host.saveEvidence = async () => {
      throw new Error('disk full');
    };
    const w = mount(EvidenceButton, { props: { callId: 'c-9' }, global: { plugins: env.plugins } });
    await w.get('[data-testid=evidence-pack]').trigger('click');
    await flushPromises();
    expect(w.get('[role=status]').text()).toMatch(/^Bevispakken kunne ikke gemmes: .*disk full/);
  });
});
