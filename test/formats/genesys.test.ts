import { describe, expect, it } from 'vitest';
import { genesysCloud } from '../../src/shared/formats/genesys';
import { contract, expectAccounted, fixture, golden } from './helpers';

const opts = { fileLabel: 'conversations.json', timeZone: 'UTC' };

describe('Genesys Cloud conversation details', () => {
  const text = fixture('genesys/conversations.json');
  const parse = genesysCloud.parse(text, opts);

  it('maps ivr, acd, agent, callback and campaign segments onto the hand-checked golden calls', () => {
    expect(contract(parse)).toEqual(golden('genesys/conversations.golden.jsonl'));
  });

  it('accounts for every segment (record index) and rejects the entry that is not a conversation', () => {
    expectAccounted(parse);
    expect(parse.recordCount).toBe(26);
    expect(parse.rejected).toEqual([expect.objectContaining({ origin: { file: 'conversations.json', line: 26 } })]);
  });

  it('keeps hold, alert, wrap-up, dialing and customer segments raw; wrap-up codes are registrations', () => {
    const inbound = parse.calls[0]!.derived;
    const reasons = inbound.kept.map((k) => k.reason);
    expect(reasons.some((r) => r.startsWith('hold'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('alerting'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('wrap-up'))).toBe(true);
    expect(inbound.call.registrations).toEqual(['Billing']);
    // Hold is a gap between the two Conversation pieces, never drawn as talk.
    const talk = inbound.call.events.filter((e) => e.type === 'conversation');
    expect(talk.map((e) => [e.start.slice(11, 19), e.end.slice(11, 19)])).toEqual([
      ['10:01:00', '10:02:00'],
      ['10:02:30', '10:04:00'],
    ]);
  });

  it('counts unknown segment types and fields, never fatal', () => {
    expect(parse.unknown.events).toEqual({ 'segmentType:teleport': 1 });
    expect(parse.unknown.fields).toEqual({ 'segment.fancyNewField': 1 });
  });

  it('reads the old schema (ani / dnis / direction on segments) like the new one (on sessions)', () => {
    const cb = parse.calls[1]!.derived.call;
    expect(cb.callerNumber).toBe('+4522222222');
    expect(cb.accessNumber).toBe('+4570000000');
  });

  it('groups campaign calls by the outbound contact', () => {
    expect(parse.calls[2]!.derived.contactKey).toBe('contact-7');
  });

  it('accepts a bare array, one conversation object and JSON Lines (async job pages)', () => {
    const doc = JSON.parse(text) as { conversations: unknown[] };
    const first = doc.conversations[0];
    const asArray = genesysCloud.parse(JSON.stringify([first]), opts);
    const asObject = genesysCloud.parse(JSON.stringify(first), opts);
    const asLines = genesysCloud.parse(
      `${JSON.stringify({ conversations: [first], cursor: 'abc' })}\n${JSON.stringify({ conversations: [doc.conversations[3]] })}\n`,
      opts,
    );
    expect(contract(asArray)).toEqual([contract(parse)[0]]);
    expect(contract(asObject)).toEqual([contract(parse)[0]]);
    expect(contract(asLines)).toEqual([contract(parse)[0], contract(parse)[3]]);
    expectAccounted(asLines);
  });

  it('pending callback: a callback request with no agent attempt yet', () => {
    const conv = {
      conversationId: 'c-pending',
      conversationStart: '2023-11-14T09:00:00Z',
      originatingDirection: 'inbound',
      participants: [
        {
          purpose: 'acd',
          participantName: 'Support',
          sessions: [
            { mediaType: 'callback', segments: [{ segmentStart: '2023-11-14T09:00:00Z', segmentType: 'interact' }] },
          ],
        },
      ],
    };
    const p = genesysCloud.parse(JSON.stringify({ conversations: [conv] }), opts);
    expect(p.calls[0]!.derived.call).toMatchObject({ type: 'callback', outcome: 'pending', callbackAttempts: 0 });
  });

  it('old schema campaign (dialerCampaignId, dnis and howEnded on segments), agent first → dialer_preview', () => {
    const conv = {
      conversationId: 'c-old',
      conversationStart: '2023-11-14T14:00:00Z',
      conversationEnd: '2023-11-14T14:03:00Z',
      participants: [
        {
          purpose: 'agent',
          participantName: 'Dan',
          sessions: [
            {
              mediaType: 'voice',
              segments: [
                {
                  segmentStart: '2023-11-14T14:00:00Z',
                  segmentEnd: '2023-11-14T14:00:20Z',
                  segmentType: 'dialing',
                  dialerCampaignId: 'camp-old',
                  dialerContactId: 'k-1',
                  direction: 'outbound',
                },
                {
                  segmentStart: '2023-11-14T14:00:20Z',
                  segmentEnd: '2023-11-14T14:03:00Z',
                  segmentType: 'interact',
                  howEnded: 'peer',
                },
              ],
            },
          ],
        },
        {
          purpose: 'customer',
          sessions: [
            {
              mediaType: 'voice',
              segments: [
                {
                  segmentStart: '2023-11-14T14:00:00Z',
                  segmentEnd: '2023-11-14T14:00:20Z',
                  segmentType: 'dialing',
                  dnis: 'tel:+4511223344',
                  direction: 'outbound',
                },
                { segmentStart: '2023-11-14T14:00:20Z', segmentEnd: '2023-11-14T14:03:00Z', segmentType: 'interact' },
              ],
            },
          ],
        },
      ],
    };
    const p = genesysCloud.parse(JSON.stringify({ conversations: [conv] }), opts);
    expectAccounted(p);
    expect(p.unknown.fields).toEqual({});
    expect(p.calls[0]!.derived.contactKey).toBe('k-1');
    expect(p.calls[0]!.derived.call).toMatchObject({
      type: 'dialer_preview',
      callerNumber: '+4511223344',
      accessNumber: null,
      timeBeforeAnswerSec: 20,
      speakTimeSec: 160,
      events: [expect.objectContaining({ type: 'conversation', agent: 'Dan', durationSec: 160, result: 'peer' })],
    });
  });

  it('agent to agent: no customer, the second agent on the line is a Consult', () => {
    const seg = (a: string, b: string) => ({
      segmentStart: `2023-11-14T15:${a}Z`,
      segmentEnd: `2023-11-14T15:${b}Z`,
      segmentType: 'interact',
    });
    const conv = {
      conversationId: 'c-a2a',
      conversationStart: '2023-11-14T15:00:00Z',
      originatingDirection: 'outbound',
      participants: [
        {
          purpose: 'user',
          participantName: 'Alice',
          sessions: [{ mediaType: 'voice', segments: [seg('00:00', '01:00')] }],
        },
        {
          purpose: 'user',
          participantName: 'Bob',
          sessions: [
            {
              mediaType: 'voice',
              segments: [{ ...seg('00:00', '00:10'), segmentType: 'alert' }, seg('00:10', '01:00')],
            },
          ],
        },
      ],
    };
    const c = genesysCloud.parse(JSON.stringify(conv), opts).calls[0]!.derived.call;
    expect(c).toMatchObject({
      type: 'agent_to_agent',
      callerNumber: 'xxxxxxxx',
      agents: ['Alice', 'Bob'],
      speakTimeSec: 110,
    });
    expect(c.events.map((e) => [e.type, e.agent, e.durationSec])).toEqual([
      ['conversation', 'Alice', 60],
      ['consult', 'Bob', 50],
    ]);
  });

  it('a second external participant (a call to a number during the conversation) is a Consult with that number', () => {
    const seg = (a: string, b: string, segmentType = 'interact') => ({
      segmentStart: `2023-11-14T16:${a}Z`,
      segmentEnd: `2023-11-14T16:${b}Z`,
      segmentType,
    });
    const conv = {
      conversationId: 'c-ext',
      conversationStart: '2023-11-14T16:00:00Z',
      originatingDirection: 'inbound',
      participants: [
        {
          participantId: 'x2',
          purpose: 'external',
          sessions: [{ mediaType: 'voice', dnis: 'tel:+4599990000', segments: [seg('01:00', '02:00')] }],
        },
        {
          participantId: 'x1',
          purpose: 'customer',
          sessions: [{ mediaType: 'voice', ani: 'tel:+4512345678', segments: [seg('00:00', '03:00')] }],
        },
        {
          participantId: 'x3',
          purpose: 'agent',
          participantName: 'Alice',
          sessions: [{ mediaType: 'voice', segments: [seg('00:00', '03:00')] }],
        },
      ],
    };
    const c = genesysCloud.parse(JSON.stringify(conv), opts).calls[0]!.derived.call;
    expect(c.callerNumber).toBe('+4512345678');
    expect(c.events.map((e) => [e.type, e.agent, e.durationSec])).toEqual([
      ['conversation', 'Alice', 180],
      ['consult', '+4599990000', 60],
    ]);
    expect(c.speakTimeSec).toBe(240);
  });
});
