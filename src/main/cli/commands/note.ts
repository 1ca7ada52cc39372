// `callscope note <callId> --db <path> --text "…" [--event N] [--edit <noteId>]`: writes a
// note on a call (author: the OS user); --edit appends a new version to a note.
import { CliError, parseCliArgs, type Command } from '../command';
import { DB_OPTION } from './archive-common';
import { oneCallId, withReviewApi } from './review-common';

const USAGE = 'note <callId> --db <path> --text "…" [--event N] [--edit <noteId>] [--json]';

export const noteCommand: Command = {
  usage: USAGE,
  summary: 'Writes a note on a call (or on its event N, 1-based); --edit adds a new version of a note (history kept).',
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, {
      ...DB_OPTION,
      text: { type: 'string' },
      event: { type: 'string' },
      edit: { type: 'string' },
      json: { type: 'boolean' },
    });
    const callId = oneCallId(positionals, USAGE);
    if (!values.text?.trim()) throw new CliError('--text "…" is required (the note)');
    const event = values.event === undefined ? null : Number(values.event) - 1;
    if (event !== null && (!Number.isInteger(event) || event < 0))
      throw new CliError(`--event must be an event number (1, 2, …), got "${values.event}"`);
    return withReviewApi(values.db, {}, async (api) => {
      const note =
        values.edit !== undefined
          ? await api.review.editNote({ noteId: Number(values.edit), text: values.text ?? '' })
          : await api.review.addNote({ callId, eventIndex: event, text: values.text ?? '' });
      if (values.edit !== undefined && note.callId !== callId)
        throw new CliError(`note #${note.id} is on call ${note.callId}, not ${callId}`);
      if (values.json) process.stdout.write(JSON.stringify(note) + '\n');
      else
        process.stdout.write(
          `note #${note.id} on call ${note.callId}${note.eventIndex === null ? '' : ` (event ${note.eventIndex + 1})`}: version ${note.history.length} by ${note.author}\n`,
        );
      return 0;
    });
  },
};
