// @vitest-environment happy-dom
// Browser mode's address bar (#13 item 5): a URL's query opens that view; a new
// search or filter pushes a history entry, another call in the same list replaces
// it; back (popstate) shows the earlier view again.
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { useCallsStore } from '../../src/renderer/src/stores/calls';
import { useDetailStore } from '../../src/renderer/src/stores/detail';
import { installUrlSync, pushes } from '../../src/renderer/src/url-sync';
import { emptyViewState } from '../../src/shared/links';
import { setupEnv } from './mount-helpers';

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  window.history.replaceState(null, '', '/');
});

describe('URL state', () => {
  it('opens the view a URL names', async () => {
    window.history.replaceState(null, '', '/?q=4512&type=callback&sort=queue&dir=asc&call=in-0005');
    setupEnv();
    stop = installUrlSync();
    await flushPromises();
    const calls = useCallsStore();
    expect(calls.text).toBe('4512');
    expect(calls.filters.types).toEqual(['callback']);
    expect([calls.sort, calls.direction]).toEqual(['queue', 'asc']);
    expect(useDetailStore().callId).toBe('in-0005');
  });

  it('pushes a new search, replaces a new call, and goes back', async () => {
    setupEnv();
    stop = installUrlSync();
    const calls = useCallsStore();
    const detail = useDetailStore();
    const start = window.history.length;
    calls.setFilters({ outcomes: ['abandoned'] });
    await flushPromises();
    expect(window.location.search).toBe('?outcome=abandoned');
    expect(window.history.length).toBe(start + 1);
    await detail.open('in-0005');
    await flushPromises();
    expect(window.location.search).toBe('?outcome=abandoned&call=in-0005');
    expect(window.history.length).toBe(start + 1); // replaced
    calls.toggleSort('queue');
    await flushPromises();
    expect(window.location.search).toBe('?outcome=abandoned&sort=queue&dir=asc&call=in-0005');
    expect(window.history.length).toBe(start + 2);
    // Back: the browser restores the URL, then fires popstate; the view follows.
    window.history.replaceState(null, '', '/?outcome=abandoned&call=in-0005');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await flushPromises();
    expect([calls.sort, calls.direction]).toEqual(['start', 'desc']);
    expect(window.location.search).toBe('?outcome=abandoned&call=in-0005');
  });

  it('typing refines one entry until a call was opened from its results', () => {
    const a = { ...emptyViewState(), text: '45' };
    expect(pushes(a, { ...a, text: '451' }, false)).toBe(false);
    expect(pushes(a, { ...a, text: '451' }, true)).toBe(true);
    expect(pushes(a, { ...a, call: '9' }, true)).toBe(false);
    expect(pushes(a, { ...a, types: ['callback'] }, false)).toBe(true);
    expect(pushes(a, { ...a, sort: 'queue' }, false)).toBe(true);
  });
});
