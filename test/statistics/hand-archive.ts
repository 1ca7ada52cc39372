// A hand-written archive of 35 calls for the statistics tests (Europe/Copenhagen).
// Every figure the tests expect is computed by hand from this list in
// statistics.test.ts; change a call here and those comments must change too.
//
//  id   type                  local start (Copenhagen)   queues          agents       outcome     wait   speak
//  c01  inbound               2026-03-27 09:00 (CET)     Support         Anna         answered    10     100
//  c02  inbound               09:10                      Support         Anna         answered    20     200   wait = Y exactly: within
//  c03  inbound               09:20                      Support         Bo           answered    21     60    just late
//  c04  inbound               09:30                      Support         –            abandoned   3      0     short
//  c05  inbound               09:40                      Support         –            abandoned   5      0     not short (< 5 only)
//  c06  inbound               10:05                      Support         –            abandoned   45     0     long
//  c07  inbound               10:15                      Sales           Carl         answered    0      30
//  c08  inbound               10:20                      Sales           –            rejected    null   0     wait null → 0
//  c09  inbound               10:30                      Sales           –            unanswered  60     0
//  c10  inbound               10:45                      Sales, Support  Bo           answered    30     120   visited both queues
//  c11  callback              11:00                      Support         Anna         answered    300    90
//  c12  callback              11:30                      Support         Bo           unanswered  600    0     R5: Bo named, no Conversation
//  c13  callback              12:00                      Support         –            deleted     100    0
//  c14  callback              13:00                      Sales           –            pending     null   0
//  c15  inbound               14:00                      Sales           Carl, Anna   answered    15     200   Carl 150 + Anna's Consult 50
//  c16  inbound               23:59:59.999               Support         Anna         answered    5      40    last instant of the 27th
//  c17  inbound               2026-03-28 00:00:00        Support         –            abandoned   2      0     midnight: the 28th locally, the 27th in UTC
//  c18  inbound               09:00                      Sales           Carl         answered    8      50
//  c19  inbound               09:05                      Sales           –            abandoned   4      0     short
//  c20  inbound               09:10                      Support         Bo           answered    18.5   75
//  c21  inbound               09:20                      Support         –            abandoned   20     0     abandoned at Y exactly: within
//  c22  inbound               09:30                      Support         –            abandoned   25     0
//  c23  inbound               2026-03-29 01:50 (CET)     Support         Anna         answered    12     1200  runs across the DST change (02:00 → 03:00)
//  c24  inbound               03:10 (CEST)               Support         Bo           answered    40     60    first hour after the change
//  c25  inbound               10:00                      Sales           Carl         answered    6      45
//  c26  inbound               10:30                      Sales           –            deleted     33     0
//  c27  inbound               2026-03-27 15:00           –               –            abandoned   null   0     hung up in the menu: not a queue call
//  c28  callout               2026-03-27 15:10           Callout         Anna         answered    4      60
//  c29  callout               15:20                      Callout         Bo           unanswered  30     0
//  c30  agent_to_agent        15:30                      –               Anna, Bo     answered    null   208   Anna 10 + Bo's Consult 198 (R15)
//  c31  dialer_contact_first  16:00  predictive          DialSpring      Carl         answered    2      100   contact k1
//  c32  dialer_contact_first  16:05  predictive          DialSpring      –            unanswered  3      0     silent (Menu, no Conversation), contact k2
//  c33  dialer_contact_first  16:10  predictive          DialSpring      –            unanswered  20     0     no answer, contact k2 again
//  c34  dialer_preview        2026-03-28 10:00 preview   DialPreview     Bo           answered    9      80    contact k3
//  c35  dialer_contact_first  2026-03-27 16:20 predictive DialSpring     Anna         answered    1      30    contact k4
import { DateTime } from 'luxon';
import type {
  ArchiveCall,
  ArchiveEvent,
  ArchiveEventType,
  CallType,
  Outcome,
} from '../../src/shared/model/archive-call';
import type { StatsCall } from '../../src/shared/statistics';

export const HAND_ZONE = 'Europe/Copenhagen';

interface Spec {
  id: string;
  type: CallType;
  local: string;
  queues: string[];
  agents: string[];
  outcome: Outcome;
  wait: number | null;
  /** Talk events: [type, agent, seconds]. */
  talk?: [ArchiveEventType, string, number][];
  mode?: string;
  /** Extra event types (before the talk), e.g. a queue_callback or a silent-call menu. */
  extra?: ArchiveEventType[];
  contact?: string;
  /** No queue event at all (menu-only call, agent-to-agent). */
  noQueue?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

function build(s: Spec): ArchiveCall & { contactKey: string | null } {
  const startMs = DateTime.fromISO(s.local, { zone: HAND_ZONE }).toMillis();
  if (Number.isNaN(startMs)) throw new Error(`bad start ${s.local}`);
  let t = startMs;
  const events: ArchiveEvent[] = [];
  const push = (type: ArchiveEventType, sec: number, name: string | null, agent: string | null) => {
    events.push({
      type,
      start: iso(t),
      end: iso(t + sec * 1000),
      durationSec: sec,
      name,
      agent,
      label: null,
      labelDa: null,
      result: null,
    });
    t += sec * 1000;
  };
  const extra = s.extra ?? [];
  if (s.noQueue) push('menu', 5, 'Welcome', null);
  else if (extra.includes('queue_callback')) {
    push('queue', 0, s.queues[0] ?? null, null);
    push('queue_callback', s.wait ?? 0, s.queues[0] ?? null, s.agents[0] ?? null);
  } else push('queue', s.wait ?? 0, s.queues[0] ?? null, null);
  if (s.queues[1]) push('queue', 0, s.queues[1], null);
  if (extra.includes('menu') && !s.noQueue) push('menu', 10, 'Silent call', null);
  for (const [type, agent, sec] of s.talk ?? []) push(type, sec, null, agent);
  const speak = (s.talk ?? []).reduce((sum, [, , sec]) => sum + sec, 0);
  return {
    callId: s.id,
    type: s.type,
    dialerMode: s.mode ?? null,
    start: iso(startMs),
    end: iso(Math.max(t, startMs + 1000)),
    callerNumber: '+4512345678',
    accessNumber: '70201020',
    queues: s.queues,
    agents: s.agents,
    outcome: s.outcome,
    timeBeforeAnswerSec: s.talk ? (s.wait ?? 0) : null,
    waitTimeSec: s.wait,
    speakTimeSec: speak,
    callbackAttempts: extra.includes('queue_callback') ? 1 : null,
    registrations: [],
    events,
    contactKey: s.contact ?? null,
  };
}

const S = ['Support'];
const L = ['Sales'];
const conv = (agent: string, sec: number): [ArchiveEventType, string, number] => ['conversation', agent, sec];
const CB: ArchiveEventType[] = ['queue_callback'];

const SPECS: Spec[] = [
  {
    id: 'c01',
    type: 'inbound',
    local: '2026-03-27T09:00:00',
    queues: S,
    agents: ['Anna'],
    outcome: 'answered',
    wait: 10,
    talk: [conv('Anna', 100)],
  },
  {
    id: 'c02',
    type: 'inbound',
    local: '2026-03-27T09:10:00',
    queues: S,
    agents: ['Anna'],
    outcome: 'answered',
    wait: 20,
    talk: [conv('Anna', 200)],
  },
  {
    id: 'c03',
    type: 'inbound',
    local: '2026-03-27T09:20:00',
    queues: S,
    agents: ['Bo'],
    outcome: 'answered',
    wait: 21,
    talk: [conv('Bo', 60)],
  },
  { id: 'c04', type: 'inbound', local: '2026-03-27T09:30:00', queues: S, agents: [], outcome: 'abandoned', wait: 3 },
  { id: 'c05', type: 'inbound', local: '2026-03-27T09:40:00', queues: S, agents: [], outcome: 'abandoned', wait: 5 },
  { id: 'c06', type: 'inbound', local: '2026-03-27T10:05:00', queues: S, agents: [], outcome: 'abandoned', wait: 45 },
  {
    id: 'c07',
    type: 'inbound',
    local: '2026-03-27T10:15:00',
    queues: L,
    agents: ['Carl'],
    outcome: 'answered',
    wait: 0,
    talk: [conv('Carl', 30)],
  },
  { id: 'c08', type: 'inbound', local: '2026-03-27T10:20:00', queues: L, agents: [], outcome: 'rejected', wait: null },
  { id: 'c09', type: 'inbound', local: '2026-03-27T10:30:00', queues: L, agents: [], outcome: 'unanswered', wait: 60 },
  {
    id: 'c10',
    type: 'inbound',
    local: '2026-03-27T10:45:00',
    queues: ['Sales', 'Support'],
    agents: ['Bo'],
    outcome: 'answered',
    wait: 30,
    talk: [conv('Bo', 120)],
  },
  {
    id: 'c11',
    type: 'callback',
    local: '2026-03-27T11:00:00',
    queues: S,
    agents: ['Anna'],
    outcome: 'answered',
    wait: 300,
    extra: CB,
    talk: [conv('Anna', 90)],
  },
  {
    id: 'c12',
    type: 'callback',
    local: '2026-03-27T11:30:00',
    queues: S,
    agents: ['Bo'],
    outcome: 'unanswered',
    wait: 600,
    extra: CB,
  },
  {
    id: 'c13',
    type: 'callback',
    local: '2026-03-27T12:00:00',
    queues: S,
    agents: [],
    outcome: 'deleted',
    wait: 100,
    extra: CB,
  },
  {
    id: 'c14',
    type: 'callback',
    local: '2026-03-27T13:00:00',
    queues: L,
    agents: [],
    outcome: 'pending',
    wait: null,
    extra: CB,
  },
  {
    id: 'c15',
    type: 'inbound',
    local: '2026-03-27T14:00:00',
    queues: L,
    agents: ['Carl', 'Anna'],
    outcome: 'answered',
    wait: 15,
    talk: [conv('Carl', 150), ['consult', 'Anna', 50]],
  },
  {
    id: 'c16',
    type: 'inbound',
    local: '2026-03-27T23:59:59.999',
    queues: S,
    agents: ['Anna'],
    outcome: 'answered',
    wait: 5,
    talk: [conv('Anna', 40)],
  },
  { id: 'c17', type: 'inbound', local: '2026-03-28T00:00:00', queues: S, agents: [], outcome: 'abandoned', wait: 2 },
  {
    id: 'c18',
    type: 'inbound',
    local: '2026-03-28T09:00:00',
    queues: L,
    agents: ['Carl'],
    outcome: 'answered',
    wait: 8,
    talk: [conv('Carl', 50)],
  },
  { id: 'c19', type: 'inbound', local: '2026-03-28T09:05:00', queues: L, agents: [], outcome: 'abandoned', wait: 4 },
  {
    id: 'c20',
    type: 'inbound',
    local: '2026-03-28T09:10:00',
    queues: S,
    agents: ['Bo'],
    outcome: 'answered',
    wait: 18.5,
    talk: [conv('Bo', 75)],
  },
  { id: 'c21', type: 'inbound', local: '2026-03-28T09:20:00', queues: S, agents: [], outcome: 'abandoned', wait: 20 },
  { id: 'c22', type: 'inbound', local: '2026-03-28T09:30:00', queues: S, agents: [], outcome: 'abandoned', wait: 25 },
  {
    id: 'c23',
    type: 'inbound',
    local: '2026-03-29T01:50:00',
    queues: S,
    agents: ['Anna'],
    outcome: 'answered',
    wait: 12,
    talk: [conv('Anna', 1200)],
  },
  {
    id: 'c24',
    type: 'inbound',
    local: '2026-03-29T03:10:00',
    queues: S,
    agents: ['Bo'],
    outcome: 'answered',
    wait: 40,
    talk: [conv('Bo', 60)],
  },
  {
    id: 'c25',
    type: 'inbound',
    local: '2026-03-29T10:00:00',
    queues: L,
    agents: ['Carl'],
    outcome: 'answered',
    wait: 6,
    talk: [conv('Carl', 45)],
  },
  { id: 'c26', type: 'inbound', local: '2026-03-29T10:30:00', queues: L, agents: [], outcome: 'deleted', wait: 33 },
  {
    id: 'c27',
    type: 'inbound',
    local: '2026-03-27T15:00:00',
    queues: [],
    agents: [],
    outcome: 'abandoned',
    wait: null,
    noQueue: true,
  },
  {
    id: 'c28',
    type: 'callout',
    local: '2026-03-27T15:10:00',
    queues: ['Callout'],
    agents: ['Anna'],
    outcome: 'answered',
    wait: 4,
    extra: CB,
    talk: [conv('Anna', 60)],
  },
  {
    id: 'c29',
    type: 'callout',
    local: '2026-03-27T15:20:00',
    queues: ['Callout'],
    agents: ['Bo'],
    outcome: 'unanswered',
    wait: 30,
    extra: CB,
  },
  {
    id: 'c30',
    type: 'agent_to_agent',
    local: '2026-03-27T15:30:00',
    queues: [],
    agents: ['Anna', 'Bo'],
    outcome: 'answered',
    wait: null,
    noQueue: true,
    talk: [conv('Anna', 10), ['consult', 'Bo', 198]],
  },
  {
    id: 'c31',
    type: 'dialer_contact_first',
    mode: 'predictive',
    local: '2026-03-27T16:00:00',
    queues: ['DialSpring'],
    agents: ['Carl'],
    outcome: 'answered',
    wait: 2,
    extra: CB,
    talk: [conv('Carl', 100)],
    contact: 'k1',
  },
  {
    id: 'c32',
    type: 'dialer_contact_first',
    mode: 'predictive',
    local: '2026-03-27T16:05:00',
    queues: ['DialSpring'],
    agents: [],
    outcome: 'unanswered',
    wait: 3,
    extra: ['queue_callback', 'menu'],
    contact: 'k2',
  },
  {
    id: 'c33',
    type: 'dialer_contact_first',
    mode: 'predictive',
    local: '2026-03-27T16:10:00',
    queues: ['DialSpring'],
    agents: [],
    outcome: 'unanswered',
    wait: 20,
    extra: CB,
    contact: 'k2',
  },
  {
    id: 'c34',
    type: 'dialer_preview',
    mode: 'preview',
    local: '2026-03-28T10:00:00',
    queues: ['DialPreview'],
    agents: ['Bo'],
    outcome: 'answered',
    wait: 9,
    extra: CB,
    talk: [conv('Bo', 80)],
    contact: 'k3',
  },
  {
    id: 'c35',
    type: 'dialer_contact_first',
    mode: 'predictive',
    local: '2026-03-27T16:20:00',
    queues: ['DialSpring'],
    agents: ['Anna'],
    outcome: 'answered',
    wait: 1,
    extra: CB,
    talk: [conv('Anna', 30)],
    contact: 'k4',
  },
];

/** The 35 calls as archive calls (the contract), each with its dialer contact key. */
export const HAND_CALLS: (ArchiveCall & { contactKey: string | null })[] = SPECS.map(build);

export const handStatsCalls = (): StatsCall[] => HAND_CALLS;
