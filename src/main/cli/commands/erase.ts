// `callscope erase --db <path> (--number <value> | --email <value> | --before <ISO date>) --reason "…" [--dry-run]`:
// anonymises a phone number / e-mail address everywhere, or the caller numbers of every call
// older than a date. --dry-run prints what would change (calls, rows) and writes nothing.
import { CliError, parseCliArgs, type Command } from '../command';
import { DB_OPTION, num } from './archive-common';
import { withReviewApi } from './review-common';

export const eraseCommand: Command = {
  usage:
    'erase --db <path> (--number <value> | --email <value> | --before <ISO date>) --reason "…" [--dry-run] [--json]',
  summary:
    'Anonymises a phone number or e-mail (or the caller numbers of calls before a date) in calls, events, free text and stored rows; logged.',
  async run(argv) {
    const { values } = parseCliArgs(
      argv,
      {
        ...DB_OPTION,
        number: { type: 'string' },
        email: { type: 'string' },
        before: { type: 'string' },
        reason: { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      false,
    );
    const given = [values.number, values.email, values.before].filter((v) => v !== undefined);
    if (given.length !== 1) throw new CliError('give one of --number <value>, --email <value> or --before <ISO date>');
    if (!values.reason?.trim()) throw new CliError('--reason "…" is required (why: it is kept in the action log)');
    const request = {
      ...(values.before !== undefined ? { before: values.before } : { value: values.number ?? values.email }),
      reason: values.reason,
    };
    const dry = values['dry-run'] ?? false;
    return withReviewApi(values.db, { readonly: dry }, async (api) => {
      const result = dry ? await api.review.erasePreview(request) : await api.review.erase(request);
      if (values.json) {
        process.stdout.write(JSON.stringify(result) + '\n');
        return 0;
      }
      const what = `${num(result.calls)} calls, ${num(result.rawRows)} stored rows, ${num(result.rejectedRows)} rejected rows, ${num(result.notes)} notes in ${num(result.imports)} imports`;
      process.stdout.write(
        dry
          ? `would erase ${result.scope}: ${what} (dry run: nothing written)\n`
          : `erased ${result.scope}: ${what}; erasure #${'erasureId' in result ? result.erasureId : '?'}, logged\n`,
      );
      return 0;
    });
  },
};
