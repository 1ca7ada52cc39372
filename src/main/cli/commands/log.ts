// `callscope log --db <path> [--json] [--limit N]`: the action log, newest first, and
// whether its hash chain is intact (exit 1 when it is not).
import { verifyActionLog } from '../../review/action-log';
import { CliError, parseCliArgs, type Command } from '../command';
import { DB_OPTION, table } from './archive-common';
import { withReviewApi } from './review-common';

export const logCommand: Command = {
  usage: 'log --db <path> [--limit N] [--json]',
  summary:
    'The action log (imports, upgrades, erasures, notes, tags, status, exports), newest first, and its hash chain.',
  async run(argv) {
    const { values } = parseCliArgs(
      argv,
      { ...DB_OPTION, json: { type: 'boolean' }, limit: { type: 'string' } },
      false,
    );
    const limit = values.limit === undefined ? 1000 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new CliError(`--limit must be a whole number from 1 to 1000, got "${values.limit}"`);
    return withReviewApi(values.db, { readonly: true }, async (api, archive) => {
      const entries = await api.review.log({ limit });
      const chain = verifyActionLog(archive.db);
      if (values.json) {
        process.stdout.write(JSON.stringify({ entries, chain }) + '\n');
        return chain.problems.length ? 1 : 0;
      }
      process.stdout.write(
        table(
          ['#', 'when (UTC)', 'who', 'action', 'calls', 'what'],
          entries.map((e) => [e.id, e.at.replace('T', ' ').slice(0, 19), e.actor, e.action, e.calls, e.summary]),
          new Set([0, 4]),
        ),
      );
      if (chain.problems.length) {
        for (const p of chain.problems) process.stdout.write(`FAIL  ${p}\n`);
        return 1;
      }
      process.stdout.write(`${chain.entries} entries; hash chain intact; head ${chain.head}\n`);
      return 0;
    });
  },
};
