// `callscope stats --db <path> [--from ISO] [--to ISO] [--by g[,g2]] [--sl-seconds 20]
// [--sl-abandons ignore|fail|succeed] [--short-abandon-seconds 5] [--tz Zone]
// [--format table|csv|json] [--sep ';']`: the queue statistics of docs/statistics.md.
import type { StatsQuery } from '../../../shared/api/archive-api';
import {
  AGENT_FORMULAS,
  FIGURE_COLUMNS,
  OUTBOUND_FORMULAS,
  parametersLine,
  queueFormulas,
  queueTableCsv,
  type StatisticsResult,
} from '../../../shared/statistics';
import { SqliteArchiveApi } from '../../api/sqlite-archive-api';
import { CliError, parseCliArgs, type Command } from '../command';
import { apiCall, checkZone, DB_OPTION, openForCli, requireDb, table } from './archive-common';

function number(name: string, s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (s.trim() === '' || !Number.isFinite(n)) throw new CliError(`--${name} must be a number, got "${s}"`);
  return n;
}

const FORMATS = ['table', 'csv', 'json'] as const;

/** The text report: the queue table with its total, the formulas as a footer, the agent and outbound tables. */
export function statsTable(s: StatisticsResult): string {
  const by = s.parameters.by;
  const right = new Set(FIGURE_COLUMNS.map((_, i) => by.length + i));
  const rows = [
    ...s.groups.map((g) => [...by.map((k) => g.key[k] ?? '(none)'), ...FIGURE_COLUMNS.map((n) => g[n])]),
    [...(by.length ? by.map(() => 'total') : []), ...FIGURE_COLUMNS.map((n) => s.total[n])],
  ];
  const f = queueFormulas(s.parameters);
  const out = [
    `Queue statistics: ${parametersLine(s.parameters)}`,
    '',
    table([...by, ...FIGURE_COLUMNS], rows, right),
    ...FIGURE_COLUMNS.map((n) => `  ${n}: ${f[n]}`),
    '',
    'Agents (all call types)',
    table(
      ['agent', 'answered', 'consults', 'handled', 'unansweredOffers', 'talkSec', 'avgTalkSec'],
      s.agents.map((a) => [a.agent, a.answered, a.consults, a.handled, a.unansweredOffers, a.talkSec, a.avgTalkSec]),
      new Set([1, 2, 3, 4, 5, 6]),
    ),
    ...Object.entries(AGENT_FORMULAS).map(([n, t]) => `  ${n}: ${t}`),
    '',
    'Outbound and other calls (not in the queue figures)',
    table(
      ['type', 'mode', 'outcome', 'calls'],
      s.outbound.calls.map((r) => [r.type, r.mode, r.outcome, r.calls]),
      new Set([3]),
    ),
    `  notQueued (${OUTBOUND_FORMULAS.notQueued}): ${s.outbound.notQueued}`,
    '',
    table(
      ['campaign', 'attempts', 'contacts', 'attemptsPerContact'],
      s.outbound.campaigns.map((c) => [c.campaign, c.attempts, c.contacts, c.attemptsPerContact]),
      new Set([1, 2, 3]),
    ),
    `  attemptsPerContact: ${OUTBOUND_FORMULAS.attemptsPerContact}`,
    '',
    table(
      ['day', 'campaign', 'connected', 'silent', 'silentPct', `over ${s.outbound.silentLimitPct} %`],
      s.outbound.silent.map((d) => [d.day, d.campaign, d.connected, d.silent, d.silentPct, d.overLimit ? 'OVER' : '']),
      new Set([2, 3, 4]),
    ),
    `  silent: ${OUTBOUND_FORMULAS.silent}; connected: ${OUTBOUND_FORMULAS.connected}; silentPct: ${OUTBOUND_FORMULAS.silentPct}`,
  ];
  return out.join('\n') + '\n';
}

export const statsCommand: Command = {
  usage:
    'stats --db <path> [--from ISO] [--to ISO] [--by queue|agent|type|hour|day|week|month|hourofday|weekday[,second]] ' +
    '[--sl-seconds 20] [--sl-abandons ignore|fail|succeed] [--short-abandon-seconds 5] [--silent-limit 3] [--tz <IANA zone>] ' +
    "[--format table|csv|json] [--sep ';']",
  summary:
    'Queue statistics: service level, answer and abandon rates, ASA, per queue, agent and period; agents; outbound.',
  async run(argv) {
    const { values } = parseCliArgs(
      argv,
      {
        ...DB_OPTION,
        from: { type: 'string' },
        to: { type: 'string' },
        by: { type: 'string' },
        'sl-seconds': { type: 'string' },
        'sl-abandons': { type: 'string' },
        'short-abandon-seconds': { type: 'string' },
        'silent-limit': { type: 'string' },
        tz: { type: 'string' },
        format: { type: 'string' },
        sep: { type: 'string' },
      },
      false,
    );
    const db = requireDb(values.db);
    const format = (values.format ?? 'table') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new CliError(`--format must be table, csv or json, got "${values.format}"`);
    const sep = values.sep ?? ',';
    if (sep !== ',' && sep !== ';') throw new CliError(`--sep must be "," or ";", got "${sep}"`);
    const query: Record<string, unknown> = {
      from: values.from,
      to: values.to,
      by: values.by
        ? values.by
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
      slSeconds: number('sl-seconds', values['sl-seconds']),
      slAbandons: values['sl-abandons'],
      shortAbandonSeconds: number('short-abandon-seconds', values['short-abandon-seconds']),
      silentLimitPct: number('silent-limit', values['silent-limit']),
      timeZone: checkZone(values.tz),
    };
    for (const k of Object.keys(query)) if (query[k] === undefined) delete query[k];
    const archive = openForCli(db, { readonly: true });
    const api = new SqliteArchiveApi(archive);
    try {
      const s = await apiCall(() => api.stats.compute(query as StatsQuery));
      if (format === 'json') process.stdout.write(JSON.stringify(s, null, 2) + '\n');
      else if (format === 'csv') process.stdout.write(queueTableCsv(s, { separator: sep }));
      else process.stdout.write(statsTable(s));
      return 0;
    } finally {
      api.close();
      archive.close();
    }
  },
};
