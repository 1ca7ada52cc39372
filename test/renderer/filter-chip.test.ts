// @vitest-environment happy-dom
// A filter chip's popover closes when focus leaves it (Tab out of its last control, focus on
// another chip) and stays open while focus moves inside it; Esc gives focus back to the chip.
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import FilterChip from '../../src/renderer/src/components/FilterChip.vue';

const Two = defineComponent({
  setup: () => () =>
    h('div', [
      h(
        FilterChip,
        { label: 'Outcome', testid: 'chip-a' },
        { default: () => [h('input', { id: 'in-a1' }), h('input', { id: 'in-a2' })] },
      ),
      h(FilterChip, { label: 'Queue', testid: 'chip-b' }, { default: () => h('input', { id: 'in-b' }) }),
    ]),
});

let mounted: ReturnType<typeof mount> | null = null;
afterEach(() => {
  mounted?.unmount(); // also after a failed expectation: a popover left open would fail the next test
  mounted = null;
});

async function openA() {
  const w = mount(Two, { attachTo: document.body });
  mounted = w;
  await w.get('[data-testid=chip-a]').trigger('click');
  return w;
}
const popovers = () => document.querySelectorAll('.popover').length;

describe('FilterChip popover', () => {
  it('stays open while focus moves between its own controls', async () => {
    const w = await openA();
    await w.get('#in-a1').trigger('focusout', { relatedTarget: w.get('#in-a2').element });
    expect(popovers()).toBe(1);
  });

  it('closes when focus goes to another chip, and leaves focus there', async () => {
    const w = await openA();
    const other = w.get('[data-testid=chip-b]').element as HTMLButtonElement;
    other.focus();
    await w.get('#in-a2').trigger('focusout', { relatedTarget: other });
    await nextTick();
    expect(popovers()).toBe(0);
    expect(document.activeElement).toBe(other);
  });

  it('does not close when the window loses focus (no related target)', async () => {
    const w = await openA();
    await w.get('#in-a1').trigger('focusout', { relatedTarget: null });
    expect(popovers()).toBe(1);
  });

  it('Esc closes it and gives focus back to its chip', async () => {
    const w = await openA();
    await w.get('#in-a1').trigger('keydown', { key: 'Escape' });
    expect(popovers()).toBe(0);
    expect(document.activeElement).toBe(w.get('[data-testid=chip-a]').element);
  });
});
