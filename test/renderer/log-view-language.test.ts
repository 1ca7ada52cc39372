// @vitest-environment happy-dom
// The action log view says each entry in the reader's language (action-text.ts), with the line
// the archive stored (English, covered by the hash chain) as the cell's tooltip.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import LogView from '../../src/renderer/src/views/LogView.vue';
import type { ActionLogEntry } from '../../src/shared/api/archive-api';
import { setupEnv } from './mount-helpers';

const entry = (id: number, action: string, summary: string, details: Record<string, unknown>): ActionLogEntry => ({
  id,
  at: '2026-03-06T09:28:00.000Z',
  actor: 'mette',
  action,
  summary,
  calls: 1,
  details,
  prevHash: '0'.repeat(64),
  hash: 'a'.repeat(64),
});
const LOG = [
  entry(3, 'tag', 'call 1005: tag "wrong transfer" added', { callId: '1005', tagId: 1, added: true }),
  entry(2, 'status', 'call 1005: unreviewed → flagged', { callId: '1005', from: 'unreviewed', to: 'flagged' }),
];

afterEach(() => vi.useRealTimers());

describe('action log view', () => {
  for (const [locale, tag, status, name] of [
    ['da', 'opkald 1005: mærket "wrong transfer" tilføjet', 'opkald 1005: ikke gennemgået → markeret', 'mærke'],
    ['en', 'call 1005: tag "wrong transfer" added', 'call 1005: unreviewed → flagged', 'tag'],
  ] as const)
    it(`says the entries in ${locale}, the stored line as the tooltip`, async () => {
      const env = setupEnv({ locale });
      env.api.review.log = async () => LOG;
      const w = mount(LogView, { global: { plugins: env.plugins, stubs: { EraseDialog: true } } });
      await flushPromises();
      const cells = w.findAll('[data-testid=log-summary]');
      expect(cells.map((c) => c.text())).toEqual([tag, status]);
      expect(cells[0]!.attributes('title')).toContain('call 1005: tag "wrong transfer" added');
      expect(w.findAll('.action')[0]!.text()).toBe(name);
    });
});
