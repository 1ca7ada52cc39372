// @vitest-environment happy-dom
// The review keys (#15, UI audit): where single-key shortcuts may act (single-keys.ts) — not
// behind a modal dialog, in a popover or on a control —, a note draft that stays with its call,
// and the list's selection following the call R / F / N opened, with a status line saying what
// was marked.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CallsView from '../../src/renderer/src/views/CallsView.vue';
import { singleKeyAllowed, slashKeyAllowed } from '../../src/renderer/src/single-keys';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import { useDetailStore } from '../../src/renderer/src/stores/detail';
import { useExportsStore } from '../../src/renderer/src/stores/exports';
import { useReviewStore } from '../../src/renderer/src/stores/review';
import type { Locale } from '../../src/shared/i18n/messages';
import { advance, fakeLayout, setupEnv, type TestEnv } from './mount-helpers';

describe('singleKeyAllowed', () => {
  afterEach(() => (document.body.innerHTML = ''));

  /** Whether a key pressed with focus on `el` may act as a single-key shortcut. */
  function allowedOn(el: Element | Window, init: KeyboardEventInit = {}): boolean {
    let allowed: boolean | null = null;
    const listen = (e: Event) => (allowed = singleKeyAllowed(e as KeyboardEvent, document));
    window.addEventListener('keydown', listen);
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'f', bubbles: true, cancelable: true, ...init }));
    window.removeEventListener('keydown', listen);
    if (allowed === null) throw new Error('the key did not reach the window');
    return allowed;
  }
  function html(markup: string): void {
    document.body.innerHTML = markup;
  }
  const get = (selector: string) => document.querySelector(selector)!;

  it('lets the keys act on the page, the list and the detail, and on the elements that opt in', () => {
    html(`<div id="list" role="grid" tabindex="0"><div role="row"><div id="cell" role="gridcell">1</div></div></div>
      <aside><h2 id="title">Call</h2><div role="group"><button id="status" data-single-keys>Reviewed</button></div></aside>`);
    expect(allowedOn(window)).toBe(true);
    expect(allowedOn(document.body)).toBe(true);
    expect(allowedOn(get('#list'))).toBe(true);
    expect(allowedOn(get('#cell'))).toBe(true);
    expect(allowedOn(get('#title'))).toBe(true);
    expect(allowedOn(get('#status'))).toBe(true);
    expect(allowedOn(get('#list'), { key: 'R', shiftKey: true })).toBe(true);
  });

  it('leaves the keys to form controls, buttons, links and tabs', () => {
    html(`<input id="text" /><textarea id="area"></textarea><select id="sel"><option>a</option></select>
      <input id="check" type="checkbox" /><button id="button">Export</button><a id="link" href="#x">x</a>
      <div id="edit" contenteditable="true"><span id="inner">t</span></div><div id="tab" role="tab" tabindex="0">Calls</div>
      <div id="option" role="option" tabindex="-1">x</div>`);
    for (const id of ['text', 'area', 'sel', 'check', 'button', 'link', 'edit', 'inner', 'tab', 'option'])
      expect(allowedOn(get(`#${id}`)), id).toBe(false);
  });

  it('does nothing inside a dialog, a popover or a menu, even on an element that opts in', () => {
    html(`<div class="popover" role="dialog" aria-label="Time"><div id="in-popover">x</div>
        <button id="preset">Today</button></div>
      <div role="menu"><div id="item" role="menuitem" tabindex="-1">Open</div><span id="in-menu">x</span></div>
      <div popover id="native"><span id="in-native">x</span></div>
      <div role="dialog"><button id="opted" data-single-keys>x</button></div>`);
    for (const id of ['in-popover', 'preset', 'item', 'in-menu', 'in-native', 'opted'])
      expect(allowedOn(get(`#${id}`)), id).toBe(false);
  });

  it('does nothing anywhere while a modal dialog is open', () => {
    html(`<div id="list" role="grid" tabindex="0"></div>
      <div class="overlay"><div role="dialog" aria-modal="true"><button id="export">Export</button></div></div>`);
    expect(allowedOn(get('#export'))).toBe(false);
    expect(allowedOn(get('#list'))).toBe(false);
    expect(allowedOn(document.body)).toBe(false);
    get('.overlay').remove();
    expect(allowedOn(get('#list'))).toBe(true);
  });

  it('leaves Ctrl, Alt and Meta combinations, an input method composing and a key already taken alone', () => {
    html('<div id="list" role="grid" tabindex="0"></div>');
    const list = get('#list');
    expect(allowedOn(list, { ctrlKey: true })).toBe(false);
    expect(allowedOn(list, { altKey: true })).toBe(false);
    expect(allowedOn(list, { metaKey: true })).toBe(false);
    expect(allowedOn(list, { isComposing: true })).toBe(false);
    const taken = (e: Event) => e.preventDefault();
    list.addEventListener('keydown', taken);
    expect(allowedOn(list)).toBe(false);
    list.removeEventListener('keydown', taken);
  });
});

describe('slashKeyAllowed', () => {
  afterEach(() => (document.body.innerHTML = ''));

  function slashOn(el: Element): boolean {
    let allowed: boolean | null = null;
    const listen = (e: Event) => (allowed = slashKeyAllowed(e as KeyboardEvent, document));
    window.addEventListener('keydown', listen);
    el.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true }));
    window.removeEventListener('keydown', listen);
    return allowed === true;
  }

  it('"/" changes no data: it works from a button, link or tab, not where "/" is typed, nor in a popover or dialog', () => {
    document.body.innerHTML = `<button id="chip">Outcome</button><a id="link" href="#x">x</a>
      <div id="tab" role="tab" tabindex="0">Calls</div><input id="text" /><textarea id="area"></textarea>
      <div role="dialog" aria-label="Time"><button id="preset">Today</button></div>`;
    const on = (id: string) => slashOn(document.getElementById(id)!);
    expect([on('chip'), on('link'), on('tab')]).toEqual([true, true, true]);
    expect([on('text'), on('area'), on('preset')]).toEqual([false, false, false]);
    document.body.insertAdjacentHTML('beforeend', '<div role="dialog" aria-modal="true"></div>');
    expect(on('chip')).toBe(false);
  });
});

describe('review keys in the calls view', () => {
  let env: TestEnv;
  let w: VueWrapper;
  /** How many rows on the next unreviewed call is from the open one (the rows between count as reviewed). */
  let skip = 2;

  afterEach(() => {
    w?.unmount();
    vi.useRealTimers();
  });

  async function mountView(locale: Locale = 'en') {
    fakeLayout();
    env = setupEnv({ generated: 300, locale });
    // The next (previous) unreviewed call of the list: `skip` rows further on (back).
    env.api.review.neighbour = async (n) => {
      env.api.log.push({ method: 'review.neighbour', arg: n });
      const calls = useCallsStore();
      let i = 0;
      while (calls.rowAt(i) && calls.rowAt(i)!.callId !== n.callId) i++;
      return calls.rowAt(n.direction === 'next' ? i + skip : i - skip)?.callId ?? null;
    };
    w = mount(CallsView, {
      attachTo: document.body,
      global: { plugins: env.plugins, stubs: { EventChart: { template: '<div data-testid="event-chart" />' } } },
    });
    await flushPromises();
    await advance(20);
  }
  const asked = (method: string) => env.api.log.some((c) => c.method === method);
  const statusChanges = () => env.api.log.filter((c) => c.method === 'review.setStatus').map((c) => c.arg);
  const rowId = (i: number) => useCallsStore().rowAt(i)!.callId;
  const list = () => w.get('[data-testid=call-list]');

  async function openRow(i: number): Promise<void> {
    await w.get(`#call-row-${i}`).trigger('click');
    await flushPromises();
    expect(w.find('[data-testid=review-panel]').exists()).toBe(true);
  }
  async function press(el: Element, key: string, init: KeyboardEventInit = {}): Promise<void> {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
    await flushPromises();
  }

  beforeEach(() => {
    skip = 2;
  });

  it('Esc in the tag or note box leaves focus on the review panel (not the page body), where R acts', async () => {
    await mountView();
    await openRow(0);
    const open = rowId(0);
    const panel = w.get('[data-testid=review-panel]').element;
    for (const box of ['review-tag-input', 'review-note-input']) {
      const el = w.get(`[data-testid=${box}]`).element as HTMLElement;
      el.focus();
      await press(el, 'Escape');
      expect(document.activeElement, box).toBe(panel);
      expect(useDetailStore().callId, box).toBe(open); // the call stays open
    }
    await press(panel, 'r');
    expect(statusChanges()).toEqual([{ callId: open, status: 'reviewed' }]);
  });

  it('F does nothing on a button of the Export dialog, nor anywhere while it is open', async () => {
    await mountView();
    await openRow(0);
    const open = rowId(0);
    useExportsStore().openDialog();
    await flushPromises();
    const exportButton = w.get('[data-testid=export-start]').element;
    await press(exportButton, 'f');
    await press(list().element, 'f'); // focus outside the dialog cannot happen, but the page is behind it
    await press(document.body, 'r');
    await press(exportButton, '/');
    expect(statusChanges()).toEqual([]);
    expect(useDetailStore().callId).toBe(open);
    expect(document.activeElement).not.toBe(w.get('[data-testid=search-input]').element);
    expect(asked('review.neighbour')).toBe(false);
    useExportsStore().closeDialog();
    await flushPromises();
    // Once it is closed, F flags the open call again.
    await press(list().element, 'f');
    expect(statusChanges()).toEqual([{ callId: open, status: 'flagged' }]);
  });

  it('F does nothing on a preset button of the Time filter popover', async () => {
    await mountView();
    await openRow(0);
    const open = rowId(0);
    await w.get('[data-testid=filter-time]').trigger('click');
    const preset = w.get('[data-testid=filter-bar] [role=dialog] button').element;
    await press(preset, 'f');
    await press(preset, 'n');
    await press(w.get('[data-testid=filter-time]').element, 'r'); // the chip itself: a button
    expect(statusChanges()).toEqual([]);
    expect(useDetailStore().callId).toBe(open);
    expect(asked('review.neighbour')).toBe(false);
  });

  it('after R the list selects the row of the call now open, and says what was marked', async () => {
    await mountView();
    await openRow(0);
    const first = rowId(0);
    await press(list().element, 'r');
    expect(statusChanges()).toEqual([{ callId: first, status: 'reviewed' }]);
    expect(useDetailStore().callId).toBe(rowId(2));
    expect(useCallsStore().selectedIndex).toBe(2);
    expect(w.get('#call-row-2').attributes('aria-selected')).toBe('true');
    expect(list().attributes('aria-activedescendant')).toBe('call-row-2');
    const status = w.get('[data-testid=review-marked]');
    expect(status.attributes('role')).toBe('status');
    expect(status.text()).toBe(`Call ${first} marked reviewed`);
    // ↓ goes on from the call now open, not back to the one after the call just reviewed.
    await press(list().element, 'ArrowDown');
    expect(useCallsStore().selectedIndex).toBe(3);
    expect(useDetailStore().callId).toBe(rowId(3));
    // F and N too.
    await press(list().element, 'f');
    expect(status.text()).toBe(`Call ${rowId(3)} flagged`);
    expect(useCallsStore().selectedIndex).toBe(5);
    await press(list().element, 'n');
    expect(useCallsStore().selectedIndex).toBe(7);
    expect(useDetailStore().callId).toBe(rowId(7));
  });

  it('scrolls the selected row into view when the next unreviewed call is further down', async () => {
    await mountView();
    await openRow(0);
    skip = 60;
    const body = list().element as HTMLElement;
    expect(body.scrollTop).toBe(0);
    await press(body, 'r');
    expect(useCallsStore().selectedIndex).toBe(60);
    // Row 60 (32 px rows, a 640 px viewport) is at the bottom of the view.
    expect(body.scrollTop).toBe(61 * 32 - 640);
  });

  it('the status buttons only mark: the call and the selection stay', async () => {
    await mountView();
    await openRow(0);
    const first = rowId(0);
    await w.get('[data-testid=review-status-reviewed]').trigger('click');
    await flushPromises();
    expect(statusChanges()).toEqual([{ callId: first, status: 'reviewed' }]);
    expect(useDetailStore().callId).toBe(first);
    expect(useCallsStore().selectedIndex).toBe(0);
    // Focus is on the button: the letters still act there.
    await press(w.get('[data-testid=review-status-reviewed]').element, 'n');
    expect(useDetailStore().callId).toBe(rowId(2));
  });

  it('says what was marked in Danish', async () => {
    await mountView('da');
    await openRow(0);
    const first = rowId(0);
    await press(list().element, 'r');
    expect(w.get('[data-testid=review-marked]').text()).toBe(`Opkald ${first} markeret gennemgået`);
  });

  it('keeps a note draft with its call: another call shows its own, coming back shows it again', async () => {
    await mountView();
    await openRow(0);
    const first = rowId(0);
    const box = () => w.get('[data-testid=review-note-input]');
    const noteOn = () => w.get('[data-testid=review-note-on]').element as HTMLSelectElement;
    await box().setValue('Transferred to sales');
    await w.get('[data-testid=review-note-on]').setValue('1');
    expect(noteOn().selectedIndex).toBe(2);
    // Another row clicked: its own (empty) draft, on the whole call.
    await openRow(1);
    expect(useDetailStore().callId).toBe(rowId(1));
    expect((box().element as HTMLTextAreaElement).value).toBe('');
    expect(noteOn().selectedIndex).toBe(0);
    await press(box().element, 'Enter', { ctrlKey: true });
    expect(env.api.log.filter((c) => c.method === 'review.addNote')).toEqual([]);
    // N from the list: the next call's draft is empty too.
    await box().setValue('On the second call');
    await press(list().element, 'n');
    expect(useDetailStore().callId).toBe(rowId(3));
    expect((box().element as HTMLTextAreaElement).value).toBe('');
    // Back on the first call: its draft and its event, saved on that call.
    await openRow(0);
    expect((box().element as HTMLTextAreaElement).value).toBe('Transferred to sales');
    expect(noteOn().selectedIndex).toBe(2);
    await press(box().element, 'Enter', { ctrlKey: true });
    expect(env.api.log.filter((c) => c.method === 'review.addNote').map((c) => c.arg)).toEqual([
      { callId: first, text: 'Transferred to sales', eventIndex: 1 },
    ]);
    expect((box().element as HTMLTextAreaElement).value).toBe('');
    await openRow(1);
    expect((box().element as HTMLTextAreaElement).value).toBe('On the second call');
  });

  it('a note saved while the user moves on stays on its call, and the call now open stays shown', async () => {
    await mountView();
    const addNote = env.api.review.addNote;
    env.api.review.addNote = async (n) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return addNote(n);
    };
    await openRow(0);
    const first = rowId(0);
    const box = () => w.get('[data-testid=review-note-input]');
    await box().setValue('Callback promised');
    await press(box().element, 'Enter', { ctrlKey: true });
    await openRow(1); // before the archive answered
    await advance(100);
    expect(env.api.log.filter((c) => c.method === 'review.addNote').map((c) => c.arg)).toEqual([
      { callId: first, text: 'Callback promised', eventIndex: null },
    ]);
    expect(useDetailStore().callId).toBe(rowId(1));
    expect(useReviewStore().review?.callId).toBe(rowId(1));
    expect((box().element as HTMLTextAreaElement).value).toBe('');
    await openRow(0);
    expect((box().element as HTMLTextAreaElement).value).toBe(''); // saved: the draft is gone
  });

  it('a note whose event the re-derived call no longer has says so, in English and Danish', async () => {
    for (const locale of ['en', 'da'] as const) {
      await mountView(locale);
      env.api.review.get = async (callId) => ({
        callId,
        status: 'unreviewed',
        statusBy: null,
        statusAt: null,
        tags: [],
        notes: [
          {
            id: 1,
            callId,
            eventIndex: 1,
            eventMissing: true,
            author: 'kim',
            createdAt: '2026-12-01T10:00:00.000Z',
            updatedAt: '2026-12-01T10:00:00.000Z',
            text: 'agent was rude',
            history: [{ version: 1, author: 'kim', at: '2026-12-01T10:00:00.000Z', text: 'agent was rude' }],
          },
        ],
      });
      await openRow(0);
      expect(w.get('[data-testid=review-note-event-gone]').text()).toBe(
        locale === 'en'
          ? '· was on event 2: the call was derived again and that event is no longer in it'
          : '· var om hændelse 2: opkaldet er udledt igen, og den hændelse findes ikke længere',
      );
      w.unmount();
    }
  });
});
