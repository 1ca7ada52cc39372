// The evidence pack's raw-row sections: every raw row behind each event with all
// its fields, the call's other rows, its kept / superseded rows with reasons, the
// accounting of every row, and the source files with their SHA-256.
import type { ImportRecord, StoredRawRow } from '../api/archive-api';
import { escapeText as esc } from './html';
import { headerRow, type PackContext } from './pack-context';
import { resultContextOfRow } from './result-codes';
import { originKey } from '../model/call-events';

const tableName = (r: StoredRawRow): string => esc(r.table ?? 'call_events');

/** One raw row as a card: where it is from, its status, and every field (in export order) with its value. */
function rowCard(ctx: PackContext, r: StoredRawRow, index: number, anchor: boolean): string {
  const { ev } = ctx;
  const head =
    `<div class="row-head"><b>${esc(originKey(r.origin))}</b> · ${tableName(r)} · ${esc(ev.importId)} ${r.importId} · ${ctx.statusText(r)}` +
    (r.reason ? ` · ${esc(ev.reason)}: ${esc(r.reason)}` : '') +
    '</div>';
  const code = r.fields['result_code'];
  const codeLine = code ? `<div class="code">${ctx.meaning(resultContextOfRow(r.fields), code)}</div>` : '';
  const cells = Object.entries(r.fields)
    .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td${v === '' ? ' class="empty"' : ''}>${esc(v)}</td></tr>`)
    .join('');
  return (
    `<div class="raw"${anchor ? ` id="row-${index}"` : ''}>${head}${codeLine}` +
    `<table class="kv">${headerRow([ev.field, ev.value])}<tbody>${cells}</tbody></table></div>`
  );
}

export function eventRowsSection(ctx: PackContext): string[] {
  const { detail, ev, m } = ctx;
  const lines = [`<section aria-labelledby="h-event-rows"><h2 id="h-event-rows">${esc(ev.eventRows)}</h2>`];
  const anchored = new Set<number>();
  detail.call.events.forEach((event, i) => {
    lines.push(`<h3>${i + 1}. ${esc(m.eventType[event.type])}</h3>`);
    const sources = detail.eventSources[i] ?? [];
    if (sources.length === 0) lines.push(`<p class="muted">${esc(ev.eventRowsNone)}</p>`);
    lines.push('<div class="cards">');
    for (const origin of sources) {
      const idx = ctx.rowAt(origin);
      const row = idx === undefined ? undefined : detail.rawRows[idx];
      if (idx === undefined || !row) continue;
      // A row behind two events (a consult's leg) is shown under both; the first carries the anchor.
      lines.push(rowCard(ctx, row, idx, !anchored.has(idx)));
      anchored.add(idx);
    }
    lines.push('</div>');
  });
  lines.push('</section>');
  return lines;
}

/** Initiation rows, kept and superseded rows, companion rows: every row not behind an event, all fields. */
export function otherRowsSection(ctx: PackContext): string[] {
  const lines = [`<section aria-labelledby="h-other-rows"><h2 id="h-other-rows">${esc(ctx.ev.otherRows)}</h2>`];
  lines.push('<div class="cards">');
  ctx.detail.rawRows.forEach((r, i) => {
    if (!ctx.behindEvent.has(i)) lines.push(rowCard(ctx, r, i, true));
  });
  lines.push('</div></section>');
  return lines;
}

const rowLink = (r: StoredRawRow, i: number): string => `<a href="#row-${i}">${esc(originKey(r.origin))}</a>`;

export function keptSection(ctx: PackContext): string[] {
  const { ev } = ctx;
  const kept = ctx.detail.rawRows.map((r, i) => [r, i] as const).filter(([r]) => r.status === 'kept');
  const lines = [`<section aria-labelledby="h-kept"><h2 id="h-kept">${esc(ev.keptRows)}</h2>`];
  if (kept.length === 0) lines.push(`<p class="muted">${esc(ev.keptNone)}</p>`);
  else {
    lines.push(`<table>${headerRow([ev.origin, ev.table, ev.reason])}<tbody>`);
    for (const [r, i] of kept)
      lines.push(`<tr><td class="t">${rowLink(r, i)}</td><td>${tableName(r)}</td><td>${esc(r.reason ?? '')}</td></tr>`);
    lines.push('</tbody></table>');
  }
  lines.push('</section>');
  return lines;
}

export function accountingSection(ctx: PackContext): string[] {
  const { ev } = ctx;
  const lines = [`<section aria-labelledby="h-accounting"><h2 id="h-accounting">${esc(ev.accounting)}</h2>`];
  lines.push(`<table>${headerRow([ev.origin, ev.table, ev.importId, ev.status, ev.reason])}<tbody>`);
  ctx.detail.rawRows.forEach((r, i) =>
    lines.push(
      `<tr><td class="t">${rowLink(r, i)}</td><td>${tableName(r)}</td><td class="num">${r.importId}</td><td>${ctx.statusText(r)}</td><td>${esc(r.reason ?? '')}</td></tr>`,
    ),
  );
  lines.push('</tbody></table></section>');
  return lines;
}

/** The imports the call's rows came from: file name, SHA-256, size, import time and zone. */
export function sourcesSection(ctx: PackContext, imports: readonly ImportRecord[]): string[] {
  const { ev } = ctx;
  const used = new Set(ctx.detail.rawRows.map((r) => r.importId));
  const files = imports.filter((i) => used.has(i.id)).sort((a, b) => a.id - b.id);
  const lines = [`<section aria-labelledby="h-sources"><h2 id="h-sources">${esc(ev.sources)}</h2>`];
  lines.push(
    `<table class="sources">${headerRow([ev.importId, ev.fileName, ev.sha256, ev.size, ev.importedAt, ev.importZone, ev.format, ev.version])}<tbody>`,
  );
  for (const f of files)
    lines.push(
      `<tr><td class="num">${f.id}</td><td>${esc(f.fileName)}</td><td class="hash">${esc(f.sha256)}</td><td class="num">${f.fileSize}</td>` +
        `<td class="t">${ctx.time(f.startedAt)}</td><td>${esc(f.timeZone)}</td><td>${esc(f.format)}</td><td>${esc(f.appVersion)}</td></tr>`,
    );
  lines.push('</tbody></table></section>');
  return lines;
}
