// `callscope review <callId> --db <path> --status reviewed|flagged|unreviewed`: sets a
// call's review status; without --status prints its status, tags and notes.
import { REVIEW_STATUSES, type ReviewStatus } from '../../../shared/api/schemas';
import { CliError, parseCliArgs, type Command } from '../command';
import { DB_OPTION } from './archive-common';
import { oneCallId, withReviewApi } from './review-common';

const USAGE = 'review <callId> --db <path> [--status reviewed|flagged|unreviewed] [--json]';

export const reviewCommand: Command = {
  usage: USAGE,
  summary: "Sets a call's review status; without --status shows its status, tags and notes (with their history).",
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, {
      ...DB_OPTION,
      status: { type: 'string' },
      json: { type: 'boolean' },
    });
    const callId = oneCallId(positionals, USAGE);
    const status = values.status;
    if (status !== undefined && !(REVIEW_STATUSES as readonly string[]).includes(status))
      throw new CliError(`--status must be one of ${REVIEW_STATUSES.join(', ')}, got "${status}"`);
    return withReviewApi(values.db, { readonly: status === undefined }, async (api) => {
      if (!(await api.calls.get(callId))) throw new CliError(`no call ${callId} in ${values.db}`, 1);
      const review =
        status === undefined
          ? await api.review.get(callId)
          : await api.review.setStatus({ callId, status: status as ReviewStatus });
      if (values.json) {
        process.stdout.write(JSON.stringify(review) + '\n');
        return 0;
      }
      const by = review.statusBy ? ` (${review.statusBy}, ${review.statusAt})` : '';
      process.stdout.write(`call ${callId}: ${review.status}${by}\n`);
      if (status === undefined) {
        process.stdout.write(`tags: ${review.tags.map((t) => t.name).join(', ') || 'none'}\n`);
        for (const n of review.notes) {
          const gone = n.eventMissing ? ' (the call was derived again: that event is no longer in it)' : '';
          const on = n.eventIndex === null ? '' : ` on event ${n.eventIndex + 1}${gone}`;
          process.stdout.write(`note #${n.id}${on}, ${n.author}, ${n.updatedAt}: ${n.text}\n`);
          for (const h of n.history.slice(0, -1))
            process.stdout.write(`  earlier version ${h.version} (${h.author}, ${h.at}): ${h.text}\n`);
        }
      }
      return 0;
    });
  },
};
