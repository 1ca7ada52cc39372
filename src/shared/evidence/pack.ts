// The evidence pack of one call: a self-contained HTML file an auditor can attach
// to a case, open anywhere and print (no script, no external resource). Pure:
// call detail in, HTML string out; the SHA-256 function is passed in so this
// module stays free of Node and DOM (main passes node:crypto, tests too).
//
// What the footer's hash covers (docs/evidence.md): the UTF-8 bytes of every line
// strictly between CONTENT_BEGIN and CONTENT_END, each with its "\n". That is the
// whole document (styles included) except the doctype line and the footer itself.
import type { CallDetail, ImportRecord } from '../api/archive-api';
import { buildGanttModel, EVENT_COLORS, formatDuration } from '../chart';
import { callTypeText } from '../i18n/call-type-text';
import { messageAt, type Locale } from '../i18n/messages';
import { escapeAttr, escapeText as esc, fill } from './html';
import { definitionList, headerRow, packContext, type PackContext } from './pack-context';
import { accountingSection, eventRowsSection, keptSection, otherRowsSection, sourcesSection } from './pack-rows';
import { PRINT_CSS } from './pack-style';
import { resultContextOfEvent } from './result-codes';
import { renderChartSvg } from './svg-chart';

export const CONTENT_BEGIN = '<!--callscope-evidence-content-begin-->';
export const CONTENT_END = '<!--callscope-evidence-content-end-->';
/** The shell command docs/evidence.md and the footer give for checking the hash. */
export const CHECK_COMMAND = `awk '/^${CONTENT_END}$/{p=0} p; /^${CONTENT_BEGIN}$/{p=1}' FILE | sha256sum`;

export interface EvidenceInput {
  detail: CallDetail;
  /** The archive's imports; the pack lists those its raw rows came from. */
  imports: readonly ImportRecord[];
  /** IANA zone every time in the pack is shown in (with its offset at each instant). */
  timeZone: string;
  locale: Locale;
  appVersion: string;
  /** ISO instant the pack was made. */
  generatedAt: string;
}

/** SHA-256 of a string's UTF-8 bytes, as 64 lower-case hex digits. */
export type Sha256Hex = (text: string) => string;

export interface EvidencePack {
  html: string;
  /** The footer's hash: of `content`. */
  sha256: string;
  /** Exactly the hashed text (the lines between the markers, each ending in "\n"). */
  content: string;
}

/** The hashed text of a pack as written, or null when its markers are missing. */
export function packContent(html: string): string | null {
  const begin = html.indexOf(`\n${CONTENT_BEGIN}\n`);
  const end = html.indexOf(`\n${CONTENT_END}\n`);
  if (begin < 0 || end < begin) return null;
  return html.slice(begin + CONTENT_BEGIN.length + 2, end + 1);
}

/** The hash the pack's footer states, or null. */
export function packStatedHash(html: string): string | null {
  return /<code id="content-sha256">([0-9a-f]{64})<\/code>/.exec(html)?.[1] ?? null;
}

/** "callscope-evidence-2008.html"; characters a file system may refuse become "_". */
export function evidenceFileName(callId: string, extension: 'html' | 'pdf' = 'html'): string {
  return `callscope-evidence-${callId.replace(/[^\w.-]/g, '_').slice(0, 120)}.${extension}`;
}

function metricsSection(ctx: PackContext): string[] {
  const { m, ev, none, time } = ctx;
  const call = ctx.detail.call;
  const d = m.detail;
  const metrics: [string, string][] = [
    // As the app says it: the mode in the pack's language, and not twice ("Dialer (preview)").
    [d.callType, esc(callTypeText(call.type, call.dialerMode, (key) => messageAt(m, key)))],
    [d.outcome, esc(m.outcome[call.outcome])],
    [d.start, time(call.start)],
    [d.end, time(call.end)],
    [d.callerNumber, call.callerNumber === null ? none : esc(call.callerNumber)],
    [d.accessNumber, call.accessNumber === null ? none : esc(call.accessNumber)],
    [d.timeBeforeAnswer, esc(formatDuration(call.timeBeforeAnswerSec, ctx.locale))],
    [d.waitTime, esc(formatDuration(call.waitTimeSec, ctx.locale))],
    [d.speakTime, esc(formatDuration(call.speakTimeSec, ctx.locale))],
    [d.attempts, call.callbackAttempts === null ? none : esc(String(call.callbackAttempts))],
    [d.queues, esc(call.queues.join(', ')) || none],
    [d.agents, esc(call.agents.join(', ')) || none],
    [d.registrations, esc(call.registrations.join('; ')) || none],
  ];
  return [
    `<section aria-labelledby="h-summary"><h2 id="h-summary">${esc(ev.summary)}</h2>`,
    definitionList('metrics', metrics),
    '</section>',
  ];
}

function chartSection(ctx: PackContext, timeZone: string): string[] {
  const { m, ev, detail } = ctx;
  const model = buildGanttModel(detail.call, detail.eventSources, ctx.locale);
  const svg = renderChartSvg(
    model,
    {
      typeLabel: (type) => m.eventType[type],
      compressed: (duration) => fill(ev.compressed, { duration: esc(duration) }),
      title: ev.chart,
    },
    timeZone,
  );
  return [
    `<section aria-labelledby="h-chart"><h2 id="h-chart">${esc(ev.chart)}</h2><figure>`,
    svg,
    '</figure></section>',
  ];
}

function eventsSection(ctx: PackContext): string[] {
  const { m, ev, detail, none, time } = ctx;
  const e = m.event;
  const lines = [`<section aria-labelledby="h-events"><h2 id="h-events">${esc(ev.events)}</h2>`];
  lines.push(
    `<table class="events">${headerRow([e.index, e.type, e.start, e.end, e.duration, ev.agent, ev.name, e.label, e.result, e.sources])}<tbody>`,
  );
  detail.call.events.forEach((event, i) => {
    const label = ctx.locale === 'da' ? (event.labelDa ?? event.label) : event.label;
    const sources = detail.eventSources[i] ?? [];
    lines.push(
      `<tr id="event-${i + 1}"><td>${i + 1}</td><td><span class="swatch" style="background:${EVENT_COLORS[event.type]}"></span>${esc(m.eventType[event.type])}</td>` +
        `<td class="t">${time(event.start)}</td><td class="t">${time(event.end)}</td>` +
        `<td class="num">${esc(formatDuration(event.durationSec, ctx.locale))}</td><td>${event.agent === null ? none : esc(event.agent)}</td>` +
        `<td>${event.name === null ? none : esc(event.name)}</td><td>${label === null ? '' : esc(label)}</td>` +
        `<td>${ctx.meaning(resultContextOfEvent(event.type), event.result)}</td>` +
        `<td class="t">${sources.map((o) => ctx.originLink(o)).join('<br>') || none}</td></tr>`,
    );
  });
  lines.push('</tbody></table></section>');
  return lines;
}

function headSection(ctx: PackContext, input: EvidenceInput): string[] {
  const { ev } = ctx;
  const title = fill(ev.title, { id: esc(ctx.detail.call.callId) });
  return [
    `<html lang="${ctx.locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Callscope ${escapeAttr(input.appVersion)}">`,
    `<title>${title}</title>`,
    `<style>${PRINT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${title}</h1>`,
    definitionList('meta', [
      [ev.generated, ctx.time(input.generatedAt)],
      [ev.version, esc(input.appVersion)],
      [ev.timeZone, esc(input.timeZone)],
    ]),
  ];
}

function footer(ctx: PackContext, hash: string): string[] {
  const { ev } = ctx;
  return [
    '<footer>',
    `<h2>${esc(ev.hashTitle)}</h2>`,
    `<p><code id="content-sha256">${hash}</code></p>`,
    `<p>${fill(ev.hashExplain, { begin: `<code>${esc(CONTENT_BEGIN)}</code>`, end: `<code>${esc(CONTENT_END)}</code>` })}</p>`,
    `<p>${esc(ev.checkWith)}: <code>${esc(CHECK_COMMAND)}</code></p>`,
    '</footer>',
    '</body>',
    '</html>',
  ];
}

export function buildEvidencePack(input: EvidenceInput, sha256: Sha256Hex): EvidencePack {
  const ctx = packContext(input.detail, input.locale, input.timeZone);
  const lines = [
    ...headSection(ctx, input),
    ...metricsSection(ctx),
    ...chartSection(ctx, input.timeZone),
    ...eventsSection(ctx),
    ...eventRowsSection(ctx),
    ...otherRowsSection(ctx),
    ...keptSection(ctx),
    ...accountingSection(ctx),
    ...sourcesSection(ctx, input.imports),
    '</main>',
  ];
  const content = lines.join('\n') + '\n';
  const hash = sha256(content);
  const html = `<!doctype html>\n${CONTENT_BEGIN}\n${content}${CONTENT_END}\n${footer(ctx, hash).join('\n')}\n`;
  return { html, sha256: hash, content };
}
