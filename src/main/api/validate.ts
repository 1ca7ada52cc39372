// Parses API arguments with the shared zod schemas at the boundary: a bad
// argument becomes one line naming the field, before anything reaches SQLite.
// The line is in words a user reads (the CLI prints it): "must be one of inbound,
// outbound, …", "at most 2", not the validation library's "Invalid option:
// expected one of …" or "Too big: expected array to have <=2 items".
import type { z } from 'zod';
import { ArchiveError } from '../store/errors';

type Issue = z.core.$ZodIssue;

const unit = (origin: unknown, n: unknown): string =>
  origin === 'string' ? ` characters` : origin === 'array' || origin === 'set' ? (n === 1 ? ' value' : ' values') : '';

/** One zod issue in words. */
export function issueText(issue: Issue | undefined): string {
  if (!issue) return 'rejected';
  switch (issue.code) {
    case 'invalid_value':
      return issue.values.length > 1
        ? `must be one of ${issue.values.map(String).join(', ')}`
        : `must be ${String(issue.values[0])}`;
    case 'too_big':
      return `${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}${unit(issue.origin, issue.maximum)}`;
    case 'too_small':
      return `${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}${unit(issue.origin, issue.minimum)}`;
    case 'invalid_type':
      return `must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}`;
    default:
      return issue.message;
  }
}

export function parseArg<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  // "types.0" names the list, not its first entry.
  const path = issue?.path.filter((p) => typeof p !== 'number').join('.');
  const where = path ? ` (${path})` : '';
  throw new ArchiveError(`invalid ${what}${where}: ${issueText(issue)}`, 'INVALID');
}
