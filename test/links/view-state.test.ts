// URL state (#13 item 5): a view encodes to a query and decodes back to the same
// view (property test over random views), equal views give equal URLs, and
// whatever a hand-edited link holds decodes to a valid view.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REVIEW_STATUSES, SORT_COLUMNS } from '../../src/shared/api/schemas';
import { callSearchSchema } from '../../src/shared/api/schemas';
import { CALL_TYPES, OUTCOMES } from '../../src/shared/model/archive-call';
import {
  decodeViewState,
  emptyViewState,
  encodeAppLink,
  encodeViewState,
  findAppLink,
  parseAppLink,
  sameList,
  type ViewState,
} from '../../src/shared/links';

const text = fc.string({ maxLength: 60, unit: 'grapheme' });
const name = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });
const range = fc.record(
  { min: fc.integer({ min: 0, max: 1_000_000 }), max: fc.integer({ min: 0, max: 1_000_000 }) },
  { requiredKeys: [] },
);
const instant = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const uniq = <T>(arb: fc.Arbitrary<T>, max: number) => fc.uniqueArray(arb, { maxLength: max });

export const viewArb: fc.Arbitrary<ViewState> = fc.record(
  {
    text,
    from: fc.option(instant, { nil: null }),
    to: fc.option(instant, { nil: null }),
    types: uniq(fc.constantFrom(...CALL_TYPES), 6),
    outcomes: uniq(fc.constantFrom(...OUTCOMES), 6),
    queues: uniq(name, 4),
    agents: uniq(name, 4),
    durationSec: range,
    waitTimeSec: range,
    speakTimeSec: range,
    callbackAttempts: range,
    sort: fc.constantFrom(...SORT_COLUMNS),
    direction: fc.constantFrom('asc' as const, 'desc' as const),
    call: fc.option(name, { nil: null }),
    // Review filters (#15): present only when used.
    tags: fc.uniqueArray(
      name.filter((s) => s.trim().length > 0),
      { minLength: 1, maxLength: 4 },
    ),
    statuses: fc.uniqueArray(fc.constantFrom(...REVIEW_STATUSES), { minLength: 1, maxLength: 3 }),
    noteText: fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }),
    hasNotes: fc.boolean(),
    silent: fc.boolean(),
  },
  {
    requiredKeys: [
      'text',
      'from',
      'to',
      'types',
      'outcomes',
      'queues',
      'agents',
      'durationSec',
      'waitTimeSec',
      'speakTimeSec',
      'callbackAttempts',
      'sort',
      'direction',
      'call',
    ],
  },
);

describe('view state in the URL', () => {
  it('round-trips: decode(encode(view)) equals the view', () => {
    fc.assert(
      fc.property(viewArb, (view) => {
        expect(decodeViewState(encodeViewState(view))).toEqual(view);
        expect(decodeViewState('?' + encodeViewState(view))).toEqual(view);
      }),
      { numRuns: 500 },
    );
  });

  it('encodes the empty view as an empty query, and equal views as equal strings', () => {
    expect(encodeViewState(emptyViewState())).toBe('');
    const v = {
      ...emptyViewState(),
      text: 'a b&c=d',
      types: ['callback' as const],
      sort: 'queue' as const,
      call: '42',
    };
    expect(encodeViewState(v)).toBe('q=a+b%26c%3Dd&type=callback&sort=queue&call=42');
    expect(encodeViewState({ ...v })).toBe(encodeViewState(v));
  });

  it('decodes any query to a view the API accepts (invalid parts dropped)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (junk) => {
        const view = decodeViewState(junk);
        const { call: _call, text: t, ...rest } = view;
        const search = { ...rest, text: t || undefined, from: view.from ?? undefined, to: view.to ?? undefined };
        expect(callSearchSchema.safeParse(search).success).toBe(true);
      }),
      { numRuns: 300 },
    );
    const v = decodeViewState('type=callback&type=nonsense&sort=drop%20table&dir=up&wait=5-x&from=yesterday&speak=-90');
    expect(v).toEqual({ ...emptyViewState(), types: ['callback'], speakTimeSec: { max: 90 } });
  });

  it('keeps the review filters (#15): tags, statuses, note text, has notes; drops what the API would refuse', () => {
    const long = 'x'.repeat(61);
    const v = decodeViewState(
      `tag=late+callback&tag=&tag=${long}&tag=%20&status=flagged&status=bogus&note=refund&notes=maybe`,
    );
    expect(v).toEqual({ ...emptyViewState(), tags: ['late callback'], statuses: ['flagged'], noteText: 'refund' });
    expect(decodeViewState('notes=no').hasNotes).toBe(false);
    const { call: _call, text: _text, from: _from, to: _to, ...rest } = v;
    expect(callSearchSchema.safeParse(rest).success).toBe(true);
    expect(encodeViewState({ ...emptyViewState(), tags: ['a b'], statuses: ['reviewed'], hasNotes: true })).toBe(
      'tag=a+b&status=reviewed&notes=yes',
    );
  });

  it('keeps the silent-call filter (#14 item 5): only / none; drops anything else', () => {
    expect(decodeViewState('silent=only').silent).toBe(true);
    expect(decodeViewState('silent=none').silent).toBe(false);
    expect(decodeViewState('silent=yes').silent).toBeUndefined();
    expect(encodeViewState({ ...emptyViewState(), outcomes: ['unanswered'], silent: true })).toBe(
      'outcome=unanswered&silent=only',
    );
    const { call: _call, text: _text, from: _from, to: _to, ...rest } = decodeViewState('silent=none');
    expect(callSearchSchema.safeParse(rest).success).toBe(true);
  });

  it('sameList ignores the selected call (history replaces on a new selection, pushes on a new search)', () => {
    const a = { ...emptyViewState(), text: '45', call: '1' };
    expect(sameList(a, { ...a, call: '2' })).toBe(true);
    expect(sameList(a, { ...a, text: '46' })).toBe(false);
  });
});

describe('callscope:// links', () => {
  it('round-trip with an archive and a view', () => {
    fc.assert(
      fc.property(viewArb, (view) => {
        const link = encodeAppLink('/home/ann/archive.sqlite', view);
        expect(parseAppLink(link)).toEqual({ archive: '/home/ann/archive.sqlite', view });
      }),
      { numRuns: 200 },
    );
    expect(parseAppLink('callscope://open?call=7')).toEqual({
      archive: null,
      view: { ...emptyViewState(), call: '7' },
    });
    expect(parseAppLink('callscope://open?archive=C%3A%5Cdata%5Ca.callscope&q=x')?.archive).toBe(
      'C:\\data\\a.callscope',
    );
  });

  it('refuses anything else', () => {
    for (const bad of [
      42,
      null,
      'https://example.com/open?call=1',
      'callscope://delete?call=1',
      'callscope://open/../x?call=1',
      'callscope://open?archive=relative.sqlite',
      'callscope://open?archive=/etc/passwd',
      'callscope://open?archive=/a/../b.sqlite',
      'callscope://open?archive=/a/b%0a.sqlite',
      'callscope://open?' + 'q='.padEnd(9000, 'x'),
    ])
      expect(parseAppLink(bad)).toBeNull();
  });

  it('refuses network (UNC) paths: a link from any web page must not make Windows reach a foreign host', () => {
    // Checking that such a path exists already connects to the host over SMB (and offers the user's
    // NTLM credentials); opening it would show an archive the link's author serves.
    for (const unc of [
      '\\\\evil.example\\share\\a.sqlite',
      '//evil.example/share/a.sqlite',
      '\\/evil.example/share/a.sqlite',
      '/\\evil.example\\share\\a.sqlite',
      '\\\\?\\UNC\\evil.example\\share\\a.sqlite',
      '\\\\.\\C:\\a.sqlite',
    ])
      expect(parseAppLink(`callscope://open?archive=${encodeURIComponent(unc)}`), unc).toBeNull();
    expect(parseAppLink(`callscope://open?archive=${encodeURIComponent('/Volumes/share/a.sqlite')}`)).not.toBeNull();
  });

  it('finds the link among a second instance argv', () => {
    expect(findAppLink(['/usr/bin/callscope', '--flag', 'callscope://open?call=9'])?.view.call).toBe('9');
    expect(findAppLink(['/usr/bin/callscope', 'x.sqlite'])).toBeNull();
  });
});
