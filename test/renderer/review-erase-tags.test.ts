// @vitest-environment happy-dom
// Erasure from the app (#15): a form that is complete only with a value (or a day) and a
// reason; the dry run first; confirming erases exactly what was previewed, only after the
// box "cannot be undone" is ticked; afterwards the log and the list are read again.
// The tag list dialog: rename and recolour send only what changed; a filter on the old name follows.
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import EraseDialog from '../../src/renderer/src/components/EraseDialog.vue';
import TagManagerDialog from '../../src/renderer/src/components/TagManagerDialog.vue';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import { dayStartIso, nothingToErase, requestOf, useErasureStore } from '../../src/renderer/src/stores/erasure';
import { useReviewStore } from '../../src/renderer/src/stores/review';
import type { ErasureRequest, ReviewTag } from '../../src/shared/api/archive-api';
import { setupEnv, type TestEnv } from './mount-helpers';

let env: TestEnv;
const PREVIEW = { scope: 'a phone number', calls: 2, rawRows: 3, rejectedRows: 1, notes: 0, imports: 1 };
beforeEach(() => {
  env = setupEnv({ generated: 20 });
  env.api.review.erasePreview = async (e) => (env.api.log.push({ method: 'review.erasePreview', arg: e }), PREVIEW);
  env.api.review.erase = async (e) => (
    env.api.log.push({ method: 'review.erase', arg: e }),
    { ...PREVIEW, erasureId: 1, actionId: 42 }
  );
});

const called = (method: string) => env.api.log.filter((c) => c.method === method).map((c) => c.arg);

describe('the erasure form', () => {
  const base = { kind: 'number' as const, value: '', date: '', reason: '' };
  it('needs a reason and a value of its kind (or a valid day)', () => {
    expect(requestOf({ ...base, value: '+45 20 10 01 48' })).toBeNull();
    expect(requestOf({ ...base, value: '+45 20 10 01 48', reason: 'GDPR 17' })).toEqual({
      value: '+45 20 10 01 48',
      reason: 'GDPR 17',
    });
    expect(requestOf({ ...base, value: 'ab', reason: 'GDPR 17' })).toBeNull();
    expect(requestOf({ ...base, value: 'no digits', reason: 'GDPR 17' })).toBeNull();
    expect(requestOf({ ...base, kind: 'email', value: 'jens', reason: 'GDPR 17' })).toBeNull();
    expect(requestOf({ ...base, kind: 'email', value: 'jens@example.dk', reason: 'x' })).toBeNull();
    expect(requestOf({ ...base, kind: 'email', value: ' jens@example.dk ', reason: 'GDPR' })).toEqual({
      value: 'jens@example.dk',
      reason: 'GDPR',
    });
    expect(requestOf({ ...base, kind: 'before', date: '2024-13-01', reason: 'retention' })).toBeNull();
    const r = requestOf({ ...base, kind: 'before', date: '2024-01-01', reason: 'retention' });
    expect(r).toEqual({ before: dayStartIso('2024-01-01'), reason: 'retention' });
    // The start of the local day.
    expect(new Date(r!.before!).getHours()).toBe(0);
    expect(new Date(r!.before!).getDate()).toBe(1);
  });

  it('knows a preview with nothing to change', () => {
    expect(nothingToErase({ ...PREVIEW, calls: 0, rawRows: 0, rejectedRows: 0 })).toBe(true);
    expect(nothingToErase(PREVIEW)).toBe(false);
  });
});

describe('EraseDialog', () => {
  async function mountDialog() {
    const w = mount(EraseDialog, { attachTo: document.body, global: { plugins: env.plugins } });
    useErasureStore().openDialog();
    await flushPromises();
    return w;
  }

  it('previews, then erases exactly the previewed request after the box is ticked; the log and list reload', async () => {
    const w = await mountDialog();
    const erasure = useErasureStore();
    expect(w.get('[data-testid=erase-preview]').attributes('disabled')).toBeDefined();
    await w.get('[data-testid=erase-value]').setValue('20 10 01 48');
    await w.get('[data-testid=erase-reason]').setValue('GDPR request 17');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(called('review.erasePreview')).toEqual([{ value: '20 10 01 48', reason: 'GDPR request 17' }]);
    expect(erasure.step).toBe('preview');
    expect(w.get('[data-testid=erase-what]').text()).toBe(
      'This will irreversibly replace the phone number 20 10 01 48 with the marker [erased] in:',
    );
    expect(w.get('[data-count=calls] dd').text()).toBe('2');
    expect(w.get('[data-count=rawRows] dd').text()).toBe('3');
    const confirm = w.get('[data-testid=erase-confirm]');
    expect(confirm.attributes('disabled')).toBeDefined();
    await confirm.trigger('click');
    expect(called('review.erase')).toEqual([]);
    // Editing the form after the preview cannot change what is erased.
    erasure.form.value = '99999999';
    await w.get('[data-testid=erase-understand]').setValue(true);
    await w.get('[data-testid=erase-confirm]').trigger('click');
    await flushPromises();
    expect(called('review.erase')).toEqual([{ value: '20 10 01 48', reason: 'GDPR request 17' } as ErasureRequest]);
    expect(w.get('[data-testid=erase-done]').text()).toContain('entry #42');
    // Every count the preview showed, notes too (they were left out).
    expect(w.get('[data-testid=erase-done]').text()).toContain('calls: 2, stored rows: 4, notes: 0.');
    expect(called('review.log').length).toBeGreaterThan(0);
    expect(called('calls.search').length).toBeGreaterThan(0);
    w.unmount();
  });

  it('says when nothing matches, and offers only to change the form', async () => {
    env.api.review.erasePreview = async () => ({ ...PREVIEW, calls: 0, rawRows: 0, rejectedRows: 0 });
    const w = await mountDialog();
    await w.get('[data-testid=erase-value]').setValue('11223344');
    await w.get('[data-testid=erase-reason]').setValue('test');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.find('[data-testid=erase-nothing]').exists()).toBe(true);
    expect(w.find('[data-testid=erase-confirm]').exists()).toBe(false);
    await w.get('[data-testid=erase-back]').trigger('click');
    expect(useErasureStore().step).toBe('form');
    w.unmount();
  });

  it('cannot be closed while erasing; shows the error and stays at the preview when the erasure fails', async () => {
    let finish: (v: never) => void = () => undefined;
    env.api.review.erase = () => new Promise((_, reject) => (finish = reject as (v: never) => void));
    const w = await mountDialog();
    const erasure = useErasureStore();
    erasure.form = { kind: 'before', value: '', date: '2024-01-01', reason: 'retention 2 years' };
    await erasure.runPreview();
    await flushPromises();
    expect(w.get('[data-testid=erase-what]').text()).toContain('caller numbers of calls that started before');
    await w.get('[data-testid=erase-understand]').setValue(true);
    await w.get('[data-testid=erase-confirm]').trigger('click');
    expect(erasure.step).toBe('running');
    expect(w.find('[data-testid=erase-running] [role=progressbar]').exists()).toBe(true);
    erasure.close();
    expect(erasure.open).toBe(true);
    finish(new Error('the archive is open read-only: nothing can be written') as never);
    await flushPromises();
    expect(erasure.step).toBe('preview');
    expect(w.text()).toContain('read-only');
    w.unmount();
  });

  it('reads in Danish', async () => {
    env = setupEnv({ locale: 'da' });
    env.api.review.erasePreview = async () => PREVIEW;
    const w = mount(EraseDialog, { attachTo: document.body, global: { plugins: env.plugins } });
    const erasure = useErasureStore();
    erasure.openDialog();
    erasure.form = { kind: 'email', value: 'jens@example.dk', date: '', reason: 'anmodning 17' };
    await erasure.runPreview();
    await flushPromises();
    expect(w.get('h2').text()).toBe('Bekræft sletningen');
    expect(w.get('[data-testid=erase-what]').text()).toContain('e-mailadressen jens@example.dk');
    w.unmount();
  });
});

describe('TagManagerDialog', () => {
  let tags: ReviewTag[];
  beforeEach(() => {
    tags = [
      { id: 1, name: 'late callback', colour: '#c0392b', calls: 5 },
      { id: 2, name: 'wrong queue', colour: '#2f6fde', calls: 2 },
    ];
    env.api.review.tags = async () => tags.map((t) => ({ ...t }));
    env.api.review.updateTag = async (u) => {
      env.api.log.push({ method: 'review.updateTag', arg: u });
      const t = tags.find((x) => x.id === u.id)!;
      Object.assign(t, { ...(u.name ? { name: u.name } : {}), ...(u.colour ? { colour: u.colour } : {}) });
      return { ...t };
    };
    env.api.review.createTag = async (c) => {
      env.api.log.push({ method: 'review.createTag', arg: c });
      const t = { id: 3, name: c.name, colour: c.colour ?? '#000000', calls: 0 };
      tags.push(t);
      return t;
    };
  });

  async function mountDialog() {
    const w = mount(TagManagerDialog, { attachTo: document.body, global: { plugins: env.plugins } });
    useReviewStore().tagManagerOpen = true;
    await flushPromises();
    return w;
  }

  it('renames a tag (only the name is sent); a list filtered by the old name follows it', async () => {
    const calls = useCallsStore();
    calls.setFilters({ tags: ['late callback'] });
    const w = await mountDialog();
    const row = w.get('[data-tag="late callback"]');
    expect(row.get('[data-testid=tag-save]').attributes('disabled')).toBeDefined();
    await row.get('[data-testid=tag-name]').setValue('callback too late');
    await row.get('[data-testid=tag-save]').trigger('click');
    await flushPromises();
    expect(called('review.updateTag')).toEqual([{ id: 1, name: 'callback too late' }]);
    expect(w.find('[data-tag="callback too late"]').exists()).toBe(true);
    expect(calls.filters.tags).toEqual(['callback too late']);
    w.unmount();
  });

  it('recolours (only the colour is sent), creates a tag, and closes on Esc', async () => {
    const w = await mountDialog();
    const row = w.get('[data-tag="wrong queue"]');
    await row.get('[data-testid=tag-colour]').setValue('#00aa55');
    await row.get('[data-testid=tag-save]').trigger('click');
    await flushPromises();
    expect(called('review.updateTag')).toEqual([{ id: 2, colour: '#00aa55' }]);
    await w.get('[data-testid=tag-new-name]').setValue('  good handling ');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(called('review.createTag')).toEqual([{ name: 'good handling', colour: '#2f6fde' }]);
    expect(w.findAll('[data-testid=tag-row]')).toHaveLength(3);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(useReviewStore().tagManagerOpen).toBe(false);
    w.unmount();
  });
});
