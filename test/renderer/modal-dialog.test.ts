// @vitest-environment happy-dom
// The shared dialog frame (ModalDialog.vue) and progress bar (ProgressBar.vue) that the import,
// export, tag and erasure dialogs are built from.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, ref } from 'vue';
import ModalDialog from '../../src/renderer/src/components/ModalDialog.vue';
import ProgressBar from '../../src/renderer/src/components/ProgressBar.vue';

const press = (key: string) =>
  document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

function host(closeDisabled = false) {
  const open = ref(true);
  const closes = ref(0);
  const Host = defineComponent({
    components: { ModalDialog },
    setup: () => ({ open, closes, closeDisabled }),
    template: `<ModalDialog :open="open" title="Tags" :width="560" close-label="Close" close-testid="x"
      :close-disabled="closeDisabled" data-testid="the-dialog" data-step="form" @close="closes++; open = false">
      <p>Body</p><button data-testid="inside">OK</button></ModalDialog>`,
  });
  return { w: mount(Host, { attachTo: document.body }), open, closes };
}

afterEach(() => (document.body.innerHTML = ''));

describe('ModalDialog', () => {
  it('is a labelled modal of the given width; attributes go to the dialog element, not the overlay', async () => {
    const { w } = host();
    await flushPromises();
    const dialog = w.get('[data-testid=the-dialog]');
    expect(dialog.attributes('role')).toBe('dialog');
    expect(dialog.attributes('aria-modal')).toBe('true');
    expect(dialog.attributes('data-step')).toBe('form');
    expect(dialog.attributes('style')).toContain('--dialog-width: 560px');
    const title = w.get(`#${dialog.attributes('aria-labelledby')}`);
    expect(title.text()).toBe('Tags');
    expect(w.get('.overlay').attributes('data-testid')).toBeUndefined();
    expect(document.activeElement).toBe(dialog.element);
  });

  it('closes on Esc, on ✕ and on a click beside it', async () => {
    const { w, open, closes } = host();
    await flushPromises();
    press('Escape');
    expect(closes.value).toBe(1);
    open.value = true;
    await flushPromises();
    await w.get('[data-testid=x]').trigger('click');
    expect(closes.value).toBe(2);
    open.value = true;
    await flushPromises();
    await w.get('.overlay').trigger('mousedown');
    expect(closes.value).toBe(3);
  });

  it('does nothing on Esc or a click beside it while ✕ is disabled (work that cannot be left)', async () => {
    const { w, closes } = host(true);
    await flushPromises();
    press('Escape');
    await w.get('.overlay').trigger('mousedown');
    expect(closes.value).toBe(0);
    expect(w.get('[data-testid=x]').attributes('disabled')).toBeDefined();
  });
});

describe('ProgressBar', () => {
  it('shows a share with its value for screen readers and colours the fill by tone', () => {
    const w = mount(ProgressBar, { props: { label: 'Export', percent: 40, tone: 'done' } });
    const bar = w.get('[role=progressbar]');
    expect(bar.attributes('aria-valuenow')).toBe('40');
    expect(bar.attributes('aria-valuemax')).toBe('100');
    expect(w.get('.fill').attributes('style')).toContain('width: 40%');
    expect(w.get('.fill').classes()).toContain('done');
  });

  it('without a share it is indeterminate: no value, a sliding block', () => {
    const w = mount(ProgressBar, { props: { label: 'Erasing' } });
    const bar = w.get('[role=progressbar]');
    expect(bar.attributes('aria-valuenow')).toBeUndefined();
    expect(bar.attributes('aria-label')).toBe('Erasing');
    expect(w.get('.fill').classes()).toContain('indeterminate');
  });
});
