// `callscope show <callId> --db <path> [--json]`: one archive call. --json
// prints exactly the contract JSON `callscope convert` prints for the call;
// otherwise its events and the raw rows behind each.
import { SqliteArchiveApi } from '../../api/sqlite-archive-api';
import { CliError, parseCliArgs, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { originKey } from '../../../shared/model/call-events';
import { apiCall, DB_OPTION, openForCli, requireDb, secs, table } from './archive-common';

export const showCommand: Command = {
  usage: 'show <callId> --db <path> [--json]',
  summary:
    'Shows one call: --json prints the same contract JSON as convert; otherwise its events and the raw rows behind them.',
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, { ...DB_OPTION, json: { type: 'boolean' } });
    const db = requireDb(values.db);
    const callId = positionals[0];
    if (!callId || positionals.length > 1)
      throw new CliError('give exactly one call id: callscope show <callId> --db <path>');
    const archive = openForCli(db, { readonly: true });
    try {
      const api = new SqliteArchiveApi(archive);
      if (values.json) {
        const json = await apiCall(async () => api.contractJson(callId));
        if (json === null) throw new CliError(`no call ${callId} in ${db}`, EXIT.failed);
        process.stdout.write(json + '\n');
        return EXIT.ok;
      }
      const detail = await apiCall(() => api.calls.get(callId));
      if (!detail) throw new CliError(`no call ${callId} in ${db}`, EXIT.failed);
      const c = detail.call;
      const out = process.stdout;
      out.write(`call ${c.callId}: ${c.type}${c.dialerMode ? ` (${c.dialerMode})` : ''}, ${c.outcome}\n`);
      out.write(`  ${c.start} → ${c.end}\n`);
      out.write(`  caller ${c.callerNumber ?? '-'}, access number ${c.accessNumber ?? '-'}\n`);
      out.write(`  queues ${c.queues.join(', ') || '-'}; agents ${c.agents.join(', ') || '-'}\n`);
      out.write(
        `  before answer ${secs(c.timeBeforeAnswerSec) || '-'}, wait ${secs(c.waitTimeSec) || '-'}, speak ${secs(c.speakTimeSec)}, callback attempts ${c.callbackAttempts ?? '-'}\n`,
      );
      if (c.registrations.length) out.write(`  registrations: ${c.registrations.join('; ')}\n`);
      out.write('\n');
      out.write(
        table(
          ['#', 'event', 'start (UTC)', 'end (UTC)', 'dur', 'name', 'agent', 'label', 'result', 'raw rows'],
          c.events.map((e, i) => [
            i + 1,
            e.type,
            e.start.slice(11, 19),
            e.end.slice(11, 19),
            secs(e.durationSec),
            e.name,
            e.agent,
            e.label,
            e.result,
            (detail.eventSources[i] ?? []).map(originKey).join(' '),
          ]),
        ),
      );
      out.write(`\nraw rows (${detail.rawRows.length}):\n`);
      for (const r of detail.rawRows)
        out.write(
          `  ${r.origin.file}:${r.origin.line} [${r.status ?? 'used'}${r.reason ? `: ${r.reason}` : ''}] ${JSON.stringify(r.fields)}\n`,
        );
      return EXIT.ok;
    } finally {
      archive.close();
    }
  },
};
