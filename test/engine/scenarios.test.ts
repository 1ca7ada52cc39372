// Every hand-written scenario under resources/samples/scenarios, read through the
// real reader (src/main/readers) and derived by the engine, must equal its
// hand-written golden. A scenario is <name>.csv plus any <name>.<part>.csv
// (a second export file, or companion tables such as enquiry registrations /
// call variables), with agents.csv and queues.csv shared by all.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExportItems } from '../../src/main/readers';
import { deriveCall, toContractJson } from '../../src/shared/engine';
import type { CallEventRow, CompanionLookup, EnquiryRegistration } from '../../src/shared/model/call-events';
import type { DerivedCall } from '../../src/shared/model/archive-call';

const DIR = join(__dirname, '../../resources/samples/scenarios');
const ZONE = 'Europe/Copenhagen';
const SHARED = ['agents.csv', 'queues.csv'];
const files = readdirSync(DIR);
const scenarios = files
  .filter((f) => f.endsWith('.golden.json'))
  .map((f) => f.slice(0, -'.golden.json'.length))
  .sort();

async function runScenario(name: string) {
  const own = files.filter((f) => f === `${name}.csv` || (f.startsWith(`${name}.`) && f.endsWith('.csv'))).sort();
  const rows: CallEventRow[] = [];
  const agents = new Map<string, string>();
  const queues = new Map<string, string>();
  const menus = new Map<string, string>();
  const regs: EnquiryRegistration[] = [];
  const vars = new Map<string, Record<string, string>>();
  const problems: string[] = [];
  for (const f of [...SHARED, ...own]) {
    const { items } = await readExportItems(join(DIR, f), { timeZone: ZONE, fileLabel: f });
    for (const it of items) {
      if (it.kind === 'row') rows.push(it.row);
      else if (it.kind === 'agent') agents.set(it.agentId, it.name);
      else if (it.kind === 'queue') queues.set(it.queueKey, it.name);
      else if (it.kind === 'menu') menus.set(it.menuId, it.name);
      else if (it.kind === 'registration') regs.push(it.registration);
      else if (it.kind === 'variable') vars.set(it.callId, { ...(vars.get(it.callId) ?? {}), [it.name]: it.value });
      else problems.push(`${f}: unexpected ${it.kind} item ${JSON.stringify(it).slice(0, 200)}`);
    }
  }
  const companions: CompanionLookup = {
    agentName: (id) => agents.get(id) ?? null,
    queueName: (k) => queues.get(k) ?? null,
    menuName: (id) => menus.get(id) ?? null,
    registrations: (callId) => regs.filter((r) => r.callId === callId),
    variables: (callId) => vars.get(callId) ?? {},
  };
  const byCall = new Map<string, CallEventRow[]>();
  for (const r of rows) byCall.set(r.callId, [...(byCall.get(r.callId) ?? []), r]);
  const derived = [...byCall.values()]
    .map((callRows) => deriveCall(callRows, companions))
    .sort((a, b) => a.call.start.localeCompare(b.call.start) || a.call.callId.localeCompare(b.call.callId));
  return { rows, derived, problems };
}

function accounted(d: DerivedCall): Set<string> {
  const s = new Set<string>();
  const add = (o: { file: string; line: number }) => s.add(`${o.file}:${o.line}`);
  d.eventSources.flat().forEach(add);
  (d.callSources ?? []).forEach(add);
  d.kept.forEach((k) => add(k.origin));
  return s;
}

describe('scenario goldens (real reader → engine)', () => {
  it('there is a scenario for every case the brief lists', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(22);
  });

  for (const name of scenarios) {
    it(`${name}: derived calls equal the hand-written golden, and every row is accounted for`, async () => {
      const { rows, derived, problems } = await runScenario(name);
      expect(problems).toEqual([]);
      const golden = JSON.parse(readFileSync(join(DIR, `${name}.golden.json`), 'utf8'));
      expect(derived.map((d) => JSON.parse(toContractJson(d.call)))).toEqual(golden);
      const seen = new Set<string>();
      for (const d of derived) for (const k of accounted(d)) seen.add(k);
      expect(rows.filter((r) => !seen.has(`${r.origin.file}:${r.origin.line}`)).map((r) => r.origin)).toEqual([]);
    });
  }

  it('redelivery: the older delivery survives only as kept rows, all five superseded by the newer file', async () => {
    const { derived } = await runScenario('redelivery');
    const kept = derived[0]!.kept;
    expect(kept.map((k) => `${k.origin.file}:${k.origin.line}`)).toEqual(
      [2, 3, 4, 5, 6].map((l) => `redelivery.csv:${l}`),
    );
    expect(
      kept.every((k) => k.reason.startsWith('superseded by a re-delivery of session S2008-1 in redelivery.2.csv')),
    ).toBe(true);
  });

  it('cut-export: the session only the older file holds is used, nothing kept', async () => {
    const { derived } = await runScenario('cut-export');
    expect(derived[0]!.kept).toEqual([]);
    expect(new Set(derived[0]!.eventSources.flat().map((o) => o.file))).toEqual(
      new Set(['cut-export.csv', 'cut-export.2.csv']),
    );
  });

  it('dialer-two-attempts: both calls carry the contact key K42 (R19)', async () => {
    const { derived } = await runScenario('dialer-two-attempts');
    expect(derived.map((d) => [d.call.callId, d.contactKey])).toEqual([
      ['5005', 'K42'],
      ['5006', 'K42'],
    ]);
  });
});
