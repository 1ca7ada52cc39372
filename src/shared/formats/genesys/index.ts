// Genesys Cloud analytics conversation details → calls.
import { buildCall } from '../common/build';
import type {
  KeptRecord,
  ParseOptions,
  PlatformCall,
  PlatformFormat,
  PlatformParse,
  PlatformRecord,
  PlatformStream,
  UnknownCounts,
} from '../common/types';
import { collect, emptyUnknown } from '../common/types';
import type { Detection } from '../common/types';
import { draftGenesysCall } from './map';
import { readGenesys } from './read';
import type { ConversationRead } from './read';
import { gatherConversations } from './rederive';

export function detectGenesys(sample: string): Detection {
  const has = (k: string): boolean => sample.includes(`"${k}"`);
  const needed = ['conversationId', 'participants', 'purpose'];
  const missing = needed.filter((k) => !has(k));
  if (missing.length || !(has('segmentType') || has('segmentStart'))) {
    return {
      match: false,
      why: `no Genesys Cloud conversation fields (missing ${[...missing, ...(has('segmentType') ? [] : ['segmentType'])].join(', ')})`,
    };
  }
  return {
    match: true,
    why: `JSON with the Genesys Cloud analytics conversation fields conversationId, participants[].purpose and sessions[].segments[].segmentType${has('cursor') ? ' (async job results)' : has('totalHits') ? ' (conversation details query)' : ''}`,
  };
}

export function openGenesys(text: string, o: ParseOptions): PlatformStream {
  const unknown = emptyUnknown();
  const read = readGenesys(text, o.fileLabel, unknown);
  const kept: KeptRecord[] = [];
  return {
    calls: callsOf(read.conversations, unknown, kept),
    kept,
    rejected: read.rejected,
    unknown,
    get recordCount() {
      return read.recordCount;
    },
  };
}

/** Conversations → calls as iterated; a conversation without segments goes to `kept`. */
function* callsOf(
  conversations: Iterable<ConversationRead>,
  unknown: UnknownCounts,
  kept: KeptRecord[],
): Generator<PlatformCall> {
  for (const c of conversations) {
    if (c.segments.length === 0) {
      for (const b of c.bare)
        kept.push({
          ...b,
          table: 'conversation',
          reason: `conversation ${c.id} has no segments: nothing to draw`,
          callId: `genesys:${c.id}`,
        });
      continue;
    }
    const derived = buildCall(draftGenesysCall(c, unknown));
    for (const b of c.bare)
      derived.kept.push({ origin: b.origin, reason: 'participant / session without segments: raw only' });
    yield { derived, records: [...c.segments.map((s) => ({ origin: s.origin, raw: s.raw })), ...c.bare] };
  }
}

/**
 * Re-derives Genesys Cloud calls from records stored by earlier imports (and new ones), older
 * deliveries first: a conversation re-sent with more segments becomes one call from all of them.
 */
export function rederiveGenesys(records: readonly PlatformRecord[]): PlatformParse {
  const unknown = emptyUnknown();
  const { conversations, superseded, rejected } = gatherConversations(records);
  const kept: KeptRecord[] = [...superseded];
  const calls = [...callsOf(conversations, unknown, kept)];
  return { calls, kept, rejected, unknown, recordCount: records.length };
}

export function parseGenesys(text: string, o: ParseOptions): PlatformParse {
  return collect(openGenesys(text, o));
}

export const genesysCloud: PlatformFormat = {
  id: 'genesys-cloud-conversations',
  name: 'Genesys Cloud conversation details',
  label: 'Genesys Cloud analytics conversation details JSON',
  detect: detectGenesys,
  open: openGenesys,
  parse: parseGenesys,
};
