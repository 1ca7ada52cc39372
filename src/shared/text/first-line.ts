/**
 * The first line of an error's message, at most 300 characters: what a person is shown.
 * Messages from SQLite, zlib and our own workers can carry stack traces, SQL or whole
 * records on later lines, which never reach a user.
 */
export const FIRST_LINE_MAX = 300;

export function firstLine(err: unknown, fallback = ''): string {
  const text = err instanceof Error ? err.message : typeof err === 'string' ? err : String(err);
  const line = (text.split(/\r?\n/)[0] ?? '').trim();
  if (!line) return fallback;
  return line.length > FIRST_LINE_MAX ? `${line.slice(0, FIRST_LINE_MAX - 3)}...` : line;
}
