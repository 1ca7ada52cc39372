// The evidence pack (#13 item 3) on every hand-written scenario: it holds every
// raw value of its call (each field of each raw row, as a field/value pair), the
// kept rows' reasons and the source files' hashes; its footer hash checks out,
// by our own reading and by the shell command the footer and docs give.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeEvidencePack, sha256Hex } from '../../src/main/evidence/make-pack';
import { escapeText } from '../../src/shared/evidence/html';
import { CONTENT_BEGIN, CONTENT_END, packContent, packStatedHash } from '../../src/shared/evidence';
import { SCENARIOS, scenarioArchive } from './helpers';
import type { Archive } from '../../src/main/store/archive';

const NOW = new Date('2026-12-05T12:00:00.000Z');
const opened: Archive[] = [];
afterAll(() => opened.forEach((a) => a.close()));

describe('evidence pack on the hand-written scenarios', () => {
  it.each(SCENARIOS)('%s: every raw value of every call is in its pack, and the hash checks out', async (name) => {
    const { archive, api, callIds } = await scenarioArchive(name);
    opened.push(archive);
    expect(callIds.length).toBeGreaterThan(0);
    const imports = await api.imports.list();
    for (const callId of callIds) {
      const detail = (await api.calls.get(callId))!;
      const pack = (await makeEvidencePack(api, callId, { now: NOW }))!;
      const content = packContent(pack.html)!;
      expect(content).toBe(pack.content);
      expect(packStatedHash(pack.html)).toBe(sha256Hex(content));
      expect(detail.rawRows.length).toBeGreaterThan(0);
      const missing: string[] = [];
      for (const row of detail.rawRows) {
        for (const [field, value] of Object.entries(row.fields)) {
          const pair = `<th scope="row">${escapeText(field)}</th><td${value === '' ? ' class="empty"' : ''}>${escapeText(value)}</td>`;
          if (!content.includes(pair)) missing.push(`${row.origin.file}:${row.origin.line} ${field}=${value}`);
        }
        expect(content).toContain(escapeText(`${row.origin.file}:${row.origin.line}`));
        if (row.reason) expect(content).toContain(escapeText(row.reason));
      }
      expect(missing).toEqual([]);
      for (const id of new Set(detail.rawRows.map((r) => r.importId))) {
        const rec = imports.find((i) => i.id === id)!;
        expect(content).toContain(rec.sha256);
        expect(content).toContain(escapeText(rec.fileName));
      }
      expect(content).toContain('Europe/Copenhagen');
      detail.call.events.forEach((_, i) => expect(content).toContain(`<tr id="event-${i + 1}">`));
    }
  });

  it('a superseded row (redelivery) is listed with its reason', async () => {
    const { archive, api, callIds } = await scenarioArchive('redelivery');
    opened.push(archive);
    const details = await Promise.all(callIds.map((id) => api.calls.get(id)));
    const withKept = details.find((d) => d!.rawRows.some((r) => r.status === 'kept'))!;
    const kept = withKept.rawRows.filter((r) => r.status === 'kept');
    expect(kept.some((r) => /superseded/.test(r.reason ?? ''))).toBe(true);
    const pack = (await makeEvidencePack(api, withKept.call.callId, { now: NOW }))!;
    for (const r of kept) expect(pack.html).toContain(escapeText(r.reason!));
  });

  it('the footer hash changes when one character of the content changes', async () => {
    const { archive, api, callIds } = await scenarioArchive('inbound-answered');
    opened.push(archive);
    const pack = (await makeEvidencePack(api, callIds[0]!, { now: NOW }))!;
    const tampered = pack.html.replace('+45', '+46');
    expect(tampered).not.toBe(pack.html);
    expect(sha256Hex(packContent(tampered)!)).not.toBe(packStatedHash(tampered));
  });

  it('the shell command the footer gives (awk | sha256sum) computes the stated hash', async () => {
    const { archive, api, callIds, dir } = await scenarioArchive('callback-answered-2nd');
    opened.push(archive);
    const pack = (await makeEvidencePack(api, callIds[0]!, { now: NOW, locale: 'da' }))!;
    const file = join(dir, 'pack.html');
    writeFileSync(file, pack.html);
    const script = `/^${CONTENT_END}$/{p=0} p; /^${CONTENT_BEGIN}$/{p=1}`;
    const awk = execFileSync('awk', [script, file]);
    const viaShell = sha256Hex(awk.toString('utf8'));
    expect(viaShell).toBe(packStatedHash(pack.html));
    expect(pack.html).toContain('<html lang="da">');
  });

  it('escapes values: a field holding markup stays text', async () => {
    const { archive, api, callIds } = await scenarioArchive('inbound-answered');
    opened.push(archive);
    const detail = (await api.calls.get(callIds[0]!))!;
    detail.rawRows[0]!.fields['menu_name'] = '</td><script>alert(1)</script>';
    const { buildEvidencePack } = await import('../../src/shared/evidence');
    const pack = buildEvidencePack(
      { detail, imports: [], timeZone: 'UTC', locale: 'en', appVersion: '0.1.0', generatedAt: NOW.toISOString() },
      sha256Hex,
    );
    expect(pack.html).not.toContain('<script>');
    expect(pack.html).toContain('&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('says the call type as the app does: in Danish, a mode not repeated, hours as "t"', async () => {
    const { archive, api, callIds } = await scenarioArchive('dialer-preview');
    opened.push(archive);
    const detail = (await api.calls.get(callIds[0]!))!;
    const { buildEvidencePack } = await import('../../src/shared/evidence');
    const pack = (locale: 'en' | 'da') =>
      buildEvidencePack(
        { detail, imports: [], timeZone: 'UTC', locale, appVersion: '0.1.0', generatedAt: NOW.toISOString() },
        sha256Hex,
      ).html;
    expect(detail.call.type).toBe('dialer_preview');
    expect(pack('da')).toContain('Dialer (forhåndsvisning)');
    expect(pack('da')).not.toMatch(/\((preview|predictive)\)/);
    detail.call.dialerMode = 'predictive';
    detail.call.waitTimeSec = 3725;
    expect(pack('da')).toContain('Dialer (forhåndsvisning) (prædiktiv)');
    expect(pack('da')).toContain('1 t 02 min');
    expect(pack('en')).toContain('Dialer (preview) (predictive)');
    expect(pack('en')).toContain('1 h 02 min');
  });

  it('an unknown call gives null; an unknown zone a one-line error', async () => {
    const { archive, api, callIds } = await scenarioArchive('inbound-answered');
    opened.push(archive);
    expect(await makeEvidencePack(api, 'no-such-call')).toBeNull();
    await expect(makeEvidencePack(api, callIds[0]!, { timeZone: 'Mars/Olympus' })).rejects.toThrow(/unknown time zone/);
  });
});
