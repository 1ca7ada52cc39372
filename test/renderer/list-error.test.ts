// @vitest-environment happy-dom
// Issue 14 item 16: when the backend is gone the list says so once (not "no calls", not the
// sentence twice) and offers a retry that loads the calls when the backend answers again.
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../src/renderer/src/api';
import { errorDetail, errorText } from '../../src/renderer/src/errors';
import CallsView from '../../src/renderer/src/views/CallsView.vue';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import { fakeLayout, setupEnv, type TestEnv } from './mount-helpers';

const OFFLINE_LINE = 'cannot reach the Callscope server: is `callscope serve` still running?';

describe('an error whose sentence says it all', () => {
  it('is not repeated as its detail', () => {
    const t = (k: string, v?: Record<string, unknown>) => (v ? `${k}(${String(v['message'])})` : k);
    expect(errorDetail({ code: 'offline', message: OFFLINE_LINE })).toBe('');
    expect(errorText({ code: 'offline', message: OFFLINE_LINE }, t)).toBe('error.offline');
    // Other codes keep the server's line: it says what was wrong.
    expect(errorText({ code: 'invalid_argument', message: 'limit too big' }, t)).toBe(
      'error.invalid_argument error.detail(limit too big)',
    );
  });
});

describe('the list with the backend gone', () => {
  let env: TestEnv;
  beforeEach(() => {
    localStorage.clear();
    env = setupEnv({ generated: 300 });
    fakeLayout(640, 1400);
  });

  it('says once that the server cannot be reached, shows no count, and loads the calls on retry', async () => {
    const search = env.api.calls.search;
    let down = true;
    env.api.calls.search = async (q) => {
      if (down) throw new ApiCallError('offline', OFFLINE_LINE);
      return search(q);
    };
    const w = mount(CallsView, { attachTo: document.body, global: { plugins: env.plugins } });
    await flushPromises();
    const calls = useCallsStore();
    expect(calls.error?.code).toBe('offline');
    const problem = w.get('[data-testid=list-error]');
    const text = problem.text();
    expect(text).toContain('The calls could not be loaded.');
    expect(text.match(/Cannot reach the Callscope server/gi)).toHaveLength(1);
    expect(w.find('[data-testid=list-empty]').exists()).toBe(false);
    expect(w.get('[data-testid=result-count]').text()).toBe(''); // not "no calls"
    down = false;
    await w.get('[data-testid=list-retry]').trigger('click');
    await flushPromises();
    expect(calls.error).toBeNull();
    expect(w.findAll('[data-testid=call-row]').length).toBeGreaterThan(0);
    expect(w.find('[data-testid=list-error]').exists()).toBe(false);
    expect(w.get('[data-testid=result-count]').text()).toMatch(/\d+ calls/);
    w.unmount();
  });
});
