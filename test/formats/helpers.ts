// Shared helpers of the platform-format tests: fixtures, goldens, accounting.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { toContractJson } from '../../src/shared/engine/contract-json';
import type { PlatformParse } from '../../src/shared/formats';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'formats');
/** Fixture text; the CDR fixtures hold Latin-1 bytes on purpose, so they are read as Latin-1. */
export const fixture = (rel: string, encoding: BufferEncoding = 'utf8'): string =>
  readFileSync(join(FIXTURES, rel), encoding);
export const fixturePath = (rel: string): string => join(FIXTURES, rel);

/** The golden calls (hand-checked contract JSON, one per line). */
export function golden(rel: string): unknown[] {
  return fixture(rel)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

export function contract(parse: PlatformParse): unknown[] {
  return parse.calls.map((c) => JSON.parse(toContractJson(c.derived.call)));
}

/** Nothing is lost: every record is in one call, kept or rejected; every event has sources. */
export function expectAccounted(parse: PlatformParse): void {
  const inCalls = parse.calls.reduce((s, c) => s + c.records.length, 0);
  expect(inCalls + parse.kept.length + parse.rejected.length).toBe(parse.recordCount);
  // Origins are unique per stored record (the archive keys a record's status by file + line).
  const origins = [...parse.calls.flatMap((c) => c.records), ...parse.kept].map(
    (r) => `${r.origin.file}:${r.origin.line}`,
  );
  expect(new Set(origins).size).toBe(origins.length);
  for (const c of parse.calls) {
    expect(c.derived.eventSources).toHaveLength(c.derived.call.events.length);
    const lines = new Set(c.records.map((r) => `${r.origin.file}:${r.origin.line}`));
    const used = new Set(
      [...c.derived.eventSources.flat(), ...c.derived.kept.map((k) => k.origin)].map((o) => `${o.file}:${o.line}`),
    );
    for (const u of used) expect(lines.has(u)).toBe(true);
    // Every record of the call is behind an event or kept with a reason inside the call.
    for (const l of lines) expect(used.has(l)).toBe(true);
  }
}
