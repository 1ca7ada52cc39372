// `callscope tag <callId> --db <path> [--add <tag>] [--remove <tag>]`: tags a call (a new
// tag name joins the archive's list); without --add / --remove lists the archive's tags.
import { CliError, parseCliArgs, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { DB_OPTION, num, table } from './archive-common';
import { withReviewApi } from './review-common';

const USAGE = 'tag [<callId>] --db <path> [--add <tag>] [--remove <tag>] [--colour #rrggbb] [--rename <new name>]';

export const tagCommand: Command = {
  usage: USAGE,
  summary:
    "Adds / removes a call's tag (--add, --remove, repeatable); --colour / --rename change a tag (name it with --add); alone: the archive's tags.",
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, {
      ...DB_OPTION,
      add: { type: 'string', multiple: true },
      remove: { type: 'string', multiple: true },
      colour: { type: 'string' },
      rename: { type: 'string' },
    });
    if (positionals.length > 1) throw new CliError(`give at most one call id: callscope ${USAGE}`);
    const callId = positionals[0];
    const adds = values.add ?? [];
    const removes = values.remove ?? [];
    return withReviewApi(values.db, {}, async (api) => {
      if (values.colour !== undefined || values.rename !== undefined) {
        if (adds.length !== 1 || callId)
          throw new CliError('name the one tag to change with --add <tag>, without a call id');
        const tag = (await api.review.tags()).find((t) => t.name.toLowerCase() === adds[0]?.toLowerCase());
        // Renaming a tag that is not there used to create one under the new name: a typo made a second tag.
        if (!tag && values.rename !== undefined)
          throw new CliError(
            `no tag "${adds[0]}" to rename; the archive's tags: callscope tag --db <archive>`,
            EXIT.failed,
          );
        const changed = tag
          ? await api.review.updateTag({ id: tag.id, name: values.rename, colour: values.colour })
          : await api.review.createTag({ name: values.rename ?? adds[0] ?? '', colour: values.colour });
        process.stdout.write(`tag "${changed.name}" ${changed.colour} (${num(changed.calls)} calls)\n`);
        return 0;
      }
      if (!callId) {
        const tags = await api.review.tags();
        process.stdout.write(
          table(
            ['tag', 'colour', 'calls'],
            tags.map((t) => [t.name, t.colour, num(t.calls)]),
            new Set([2]),
          ),
        );
        return 0;
      }
      if (!adds.length && !removes.length)
        throw new CliError('--add <tag> or --remove <tag> is required with a call id');
      let review = await api.review.get(callId);
      for (const tag of adds) review = await api.review.addTag({ callId, tag });
      for (const tag of removes) review = await api.review.removeTag({ callId, tag });
      process.stdout.write(`call ${callId}: ${review.tags.map((t) => t.name).join(', ') || 'no tags'}\n`);
      return 0;
    });
  },
};
