import { describe, expect, it } from 'vitest';
import { amazonConnect } from '../../src/shared/formats/connect';
import { contract, expectAccounted, fixture, golden } from './helpers';

const opts = { fileLabel: 'ctr.jsonl', timeZone: 'UTC' };

describe('Amazon Connect contact records', () => {
  const text = fixture('connect/ctr.jsonl');
  const parse = amazonConnect.parse(text, opts);

  it('maps INBOUND, QUEUE_TRANSFER, CALLBACK, API (campaign) and OUTBOUND onto the hand-checked golden calls', () => {
    expect(contract(parse)).toEqual(golden('connect/ctr.golden.jsonl'));
  });

  it('accounts for every line: superseded versions and non-voice contacts kept, broken JSON rejected', () => {
    expectAccounted(parse);
    expect(parse.recordCount).toBe(9);
    expect(parse.kept.map((k) => [k.origin.line, k.reason])).toEqual([
      [1, 'older version of contact A (LastUpdateTimestamp 2023-11-14T10:01:00Z): superseded'],
      [8, 'channel CHAT: not a call'],
    ]);
    expect(parse.rejected.map((r) => r.origin.line)).toEqual([9]);
  });

  it('keeps the newest version whatever the order in the file', () => {
    const lines = text.split('\n');
    const swapped = [lines[1], lines[0], ...lines.slice(2)].join('\n');
    expect(contract(amazonConnect.parse(swapped, opts))[0]).toEqual(contract(parse)[0]);
  });

  it('chains contacts by PreviousContactId alone (no InitialContactId) into one call', () => {
    const lines = text.split('\n').filter((l) => l.includes('"ContactId":"C"') || l.includes('"ContactId":"D"'));
    const noInitial = lines.map((l) => l.replace('"InitialContactId":"C",', '')).join('\n');
    const p = amazonConnect.parse(noInitial, opts);
    expect(p.calls).toHaveLength(1);
    expect(contract(p)[0]).toEqual(contract(parse)[1]);
  });

  it('reads one JSON object, an array, and records written back to back (Firehose)', () => {
    const records = text.split('\n').slice(1, 3);
    const asArray = amazonConnect.parse(`[\n${records.join(',\n')}\n]`, opts);
    const backToBack = amazonConnect.parse(records.join(''), opts);
    const single = amazonConnect.parse(JSON.stringify(JSON.parse(records[1]!), null, 2), opts);
    expect(contract(asArray)[0]).toEqual(contract(parse)[0]);
    expect(contract(backToBack)[0]).toEqual(contract(parse)[0]);
    expect(single.calls).toHaveLength(1);
    expect(asArray.calls[0]!.records.map((r) => r.origin.line)).toEqual([1, 2]);
  });

  it('hold and after-contact work are raw only: the Conversation is the interaction time', () => {
    const alice = parse.calls[0]!.derived.call.events.find((e) => e.agent === 'Alice')!;
    expect(alice.durationSec).toBe(120);
    expect(parse.calls[0]!.records[0]!.raw['Agent.CustomerHoldDuration']).toBe('20');
    expect(parse.calls[0]!.records[0]!.raw['Agent.AfterContactWorkDuration']).toBe('30');
  });

  it('counts unknown fields, never fatal', () => {
    expect(parse.unknown.fields).toEqual({ NewShinyField: 1 });
  });

  it('a callback still waiting in the queue is pending', () => {
    const rec = {
      ContactId: 'P',
      Channel: 'VOICE',
      InitiationMethod: 'CALLBACK',
      InitiationTimestamp: '2023-11-14T09:00:00Z',
      Queue: { Name: 'Q', EnqueueTimestamp: '2023-11-14T09:00:00Z' },
    };
    expect(amazonConnect.parse(JSON.stringify(rec), opts).calls[0]!.derived.call).toMatchObject({
      type: 'callback',
      outcome: 'pending',
      callbackAttempts: 1,
    });
  });

  it('a MONITOR contact of a supervisor is raw only, never a Consult', () => {
    const lines = fixture('connect/ctr.jsonl')
      .split('\n')
      .filter((l) => l.includes('"ContactId":"E"'));
    const monitor = {
      ContactId: 'M',
      RelatedContactId: 'E',
      Channel: 'VOICE',
      InitiationMethod: 'MONITOR',
      InitiationTimestamp: '2023-11-14T12:00:20Z',
      Agent: { Username: 'Sup', ConnectedToAgentTimestamp: '2023-11-14T12:00:20Z', AgentInteractionDuration: 30 },
    };
    const p = amazonConnect.parse(`${lines[0]}\n${JSON.stringify(monitor)}\n`, opts);
    expectAccounted(p);
    expect(p.calls).toHaveLength(1);
    expect(p.calls[0]!.derived.call.agents).toEqual(['Carol']);
    expect(p.calls[0]!.derived.kept.map((k) => k.reason)).toEqual([
      'MONITOR contact (a supervisor listening in): raw only, not a consult',
    ]);
  });
});
