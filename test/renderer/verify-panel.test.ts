// @vitest-environment happy-dom
// #11 item 3: verify --deep from the imports view: the button starts it, the differences are listed.
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import VerifyPanel from '../../src/renderer/src/components/VerifyPanel.vue';
import { setupEnv, type TestEnv } from './mount-helpers';

let env: TestEnv;
beforeEach(() => {
  localStorage.clear();
  env = setupEnv();
});

describe('verify --deep in the imports view', () => {
  it('the button calls verify.startDeep, then shows the result and every difference', async () => {
    const w = mount(VerifyPanel, { global: { plugins: env.plugins } });
    expect(w.find('[data-testid=verify-status]').exists()).toBe(false);
    await w.get('[data-testid=verify-deep]').trigger('click');
    await flushPromises();
    expect(env.api.log.map((l) => l.method)).toEqual(expect.arrayContaining(['verify.startDeep', 'verify.progress']));
    expect(w.get('[data-testid=verify-status]').text()).toBe('1 difference found');
    expect(w.get('[data-testid=verify-differences]').text()).toContain('call c17: calls.outcome');
    w.unmount();
  });
});
