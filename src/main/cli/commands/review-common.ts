// Shared by the review commands (note, tag, review, log, erase): open the archive
// for writing, run one review API call, one line out.
import type { Archive } from '../../store/archive';
import { SqliteArchiveApi } from '../../api/sqlite-archive-api';
import { CliError } from '../command';
import { apiCall, openForCli, requireDb } from './archive-common';

export async function withReviewApi<T>(
  db: string | undefined,
  options: { readonly?: boolean },
  fn: (api: SqliteArchiveApi, archive: Archive) => Promise<T>,
): Promise<T> {
  const archive = openForCli(requireDb(db), options);
  try {
    const api = new SqliteArchiveApi(archive);
    try {
      return await apiCall(() => fn(api, archive));
    } finally {
      api.close();
    }
  } finally {
    archive.close();
  }
}

export function oneCallId(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new CliError(`give exactly one call id: callscope ${usage}`);
  return positionals[0] as string;
}
