// Parses API arguments with the shared zod schemas at the boundary: a bad
// argument becomes one line naming the field, before anything reaches SQLite.
import type { z } from 'zod';
import { ArchiveError } from '../store/errors';

export function parseArg<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue && issue.path.length ? ` (${issue.path.join('.')})` : '';
  throw new ArchiveError(`invalid ${what}${where}: ${issue?.message ?? 'rejected'}`, 'INVALID');
}
