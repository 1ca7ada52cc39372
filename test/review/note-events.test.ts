// Which event a note on an event is on after its call was derived again (note-events.ts).
import { describe, expect, it } from 'vitest';
import { locateNoteEvent } from '../../src/main/review/note-events';

const events = [
  { seq: 1, type: 'menu', start_ms: 1000 },
  { seq: 2, type: 'queue', start_ms: 2000 },
  { seq: 3, type: 'conversation', start_ms: 3000 },
];

describe('locateNoteEvent', () => {
  it('follows its event by type and start when the event moved', () => {
    expect(locateNoteEvent(events, { event_index: 2, event_type: 'conversation', event_start_ms: 3000 })).toEqual({
      eventIndex: 3,
    });
  });

  it('says the event is missing when the call no longer has it', () => {
    expect(locateNoteEvent(events, { event_index: 2, event_type: 'consult', event_start_ms: 2500 })).toEqual({
      eventIndex: 2,
      eventMissing: true,
    });
  });

  it('a note without an anchor stays at its position, also one read from an archive older than the anchor columns', () => {
    expect(locateNoteEvent(events, { event_index: 2, event_type: null, event_start_ms: null })).toEqual({
      eventIndex: 2,
    });
    // SELECT * of an older archive opened read-only: the columns are not there at all.
    expect(locateNoteEvent(events, { event_index: 2 })).toEqual({ eventIndex: 2 });
  });
});
