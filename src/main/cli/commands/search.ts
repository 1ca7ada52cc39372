// `callscope search --db <path> [filters] [--json]`: finds calls in an archive.
// Filters map 1:1 to the archive API's CallSearch (validated there).
import type { CallSearch } from '../../../shared/api/archive-api';
import { SqliteArchiveApi } from '../../api/sqlite-archive-api';
import { CliError, parseCliArgs, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { apiCall, checkZone, DB_OPTION, num, openForCli, requireDb, secs, table } from './archive-common';
import { runSearchExport, SEARCH_EXPORT_OPTIONS } from './search-export';
import { startOnlyNote } from '../../../shared/api/search-words';

const list = (s: string | undefined) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

function number(name: string, s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new CliError(`--${name} must be a number, got "${s}"`);
  return n;
}

function range(values: Record<string, unknown>, key: string): { min?: number; max?: number } | undefined {
  const min = number(`min-${key}`, values[`min-${key}`] as string | undefined);
  const max = number(`max-${key}`, values[`max-${key}`] as string | undefined);
  if (min === undefined && max === undefined) return undefined;
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

const RANGES = ['duration', 'wait', 'speak', 'attempts'] as const;

export const searchCommand: Command = {
  usage:
    'search --db <path> [--text T] [--from ISO] [--to ISO] [--type t,..] [--outcome o,..] [--queue q,..] [--agent a,..] ' +
    '[--min-/--max-duration|wait|speak|attempts N] [--tag t,..] [--status s,..] [--note text] [--has-notes|--no-notes] [--silent|--no-silent] ' +
    '[--sort col] [--asc] [--limit N] [--cursor C | --offset N] [--facets] [--json] ' +
    "[--out <file> [--format csv|xlsx|jsonl] [--events <file>] [--sep ';'] [--tz zone]]",
  summary:
    'Finds calls: number (prefix, suffix or part), agent, queue, label, time, type, outcome, ranges; sorted, paged.',
  async run(argv) {
    const rangeOptions = Object.fromEntries(
      RANGES.flatMap((k) => [
        [`min-${k}`, { type: 'string' }],
        [`max-${k}`, { type: 'string' }],
      ]),
    ) as Record<string, { type: 'string' }>;
    const { values, positionals } = parseCliArgs(argv, {
      ...DB_OPTION,
      text: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      type: { type: 'string' },
      outcome: { type: 'string' },
      queue: { type: 'string' },
      agent: { type: 'string' },
      sort: { type: 'string' },
      asc: { type: 'boolean' },
      limit: { type: 'string' },
      cursor: { type: 'string' },
      offset: { type: 'string' },
      facets: { type: 'boolean' },
      json: { type: 'boolean' },
      ...SEARCH_EXPORT_OPTIONS,
      ...rangeOptions,
      // Review work (#15)
      tag: { type: 'string' },
      status: { type: 'string' },
      note: { type: 'string' },
      'has-notes': { type: 'boolean' },
      'no-notes': { type: 'boolean' },
      // Silent dialer calls (#14 item 5): only them, or none of them.
      silent: { type: 'boolean' },
      'no-silent': { type: 'boolean' },
    });
    const db = requireDb(values.db as string | undefined);
    checkZone(values.tz as string | undefined);
    const v = values as Record<string, unknown>;
    // The export's options without --out were silently ignored (the list went to the terminal).
    const exportOnly = ['format', 'events', 'sep', 'tz'].filter((o) => v[o] !== undefined);
    if (exportOnly.length && v.out === undefined)
      throw new CliError(
        `${exportOnly.map((o) => `--${o}`).join(', ')} ${exportOnly.length > 1 ? 'belong' : 'belongs'} to an export: add --out <file>`,
      );
    const text = [v.text as string | undefined, ...positionals].filter(Boolean).join(' ') || undefined;
    const query: Record<string, unknown> = {
      text,
      from: v.from,
      to: v.to,
      types: list(v.type as string | undefined),
      outcomes: list(v.outcome as string | undefined),
      queues: list(v.queue as string | undefined),
      agents: list(v.agent as string | undefined),
      durationSec: range(v, 'duration'),
      waitTimeSec: range(v, 'wait'),
      speakTimeSec: range(v, 'speak'),
      callbackAttempts: range(v, 'attempts'),
      sort: v.sort,
      direction: v.asc ? 'asc' : undefined,
      limit: number('limit', v.limit as string | undefined),
      cursor: v.cursor,
      offset: number('offset', v.offset as string | undefined),
      tags: list(v.tag as string | undefined),
      statuses: list(v.status as string | undefined),
      noteText: v.note,
      hasNotes: v['has-notes'] ? true : v['no-notes'] ? false : undefined,
      silent: v.silent ? true : v['no-silent'] ? false : undefined,
    };
    for (const k of Object.keys(query)) if (query[k] === undefined) delete query[k];
    const archive = openForCli(db, { readonly: true });
    try {
      const api = new SqliteArchiveApi(archive);
      // --out: the whole result (every page, no cap) to a file instead of one page to the terminal.
      if (v.out)
        return await runSearchExport(api, query as CallSearch, v as Record<string, string | undefined>, archive);
      const page = await apiCall(() => api.calls.search(query as CallSearch));
      // One- and two-character words match only the start of numbers and names: say so (#14 item 7).
      const note = startOnlyNote(text);
      if (note) process.stderr.write(`${note}\n`);
      // Facets describe the whole result, not the page: no cursor or offset.
      const { cursor: _c, offset: _o, ...whole } = query;
      const callFacets = v.facets ? await apiCall(() => api.calls.facets(whole as CallSearch)) : undefined;
      // Review facets (#15): tag and status counts of the same search.
      const review = v.facets ? await apiCall(() => api.review.facets(whole as CallSearch)) : undefined;
      const facets = callFacets && review ? { ...callFacets, ...review } : callFacets;
      if (v.json) {
        process.stdout.write(JSON.stringify(facets ? { ...page, facets } : page) + '\n');
        return EXIT.ok;
      }
      process.stdout.write(
        table(
          ['call', 'start (UTC)', 'type', 'caller', 'queue', 'agent', 'outcome', 'wait', 'speak', 'attempts'],
          page.rows.map((r) => [
            r.callId,
            r.start.replace('T', ' ').slice(0, 19),
            r.type,
            r.callerNumber,
            r.queue,
            r.agent,
            r.outcome,
            secs(r.waitTimeSec),
            secs(r.speakTimeSec),
            r.callbackAttempts,
          ]),
          new Set([7, 8, 9]),
        ),
      );
      const first =
        typeof query.offset === 'number' && page.rows.length
          ? `rows ${num(query.offset + 1)}–${num(query.offset + page.rows.length)}, `
          : '';
      process.stdout.write(
        `${first}${num(page.rows.length)} of ${num(page.total)} calls${page.nextCursor ? ` — next page: --cursor ${page.nextCursor}` : ''}\n`,
      );
      if (facets)
        for (const [name, counts] of Object.entries(facets) as [string, { value: string; count: number }[]][])
          process.stdout.write(
            `${name}: ${counts
              .slice(0, 12)
              .map((c) => `${c.value} (${num(c.count)})`)
              .join(', ')}\n`,
          );
      return EXIT.ok;
    } finally {
      archive.close();
    }
  },
};
