/**
 * The first line of an error's message: what a person is shown. Messages from SQLite, zlib and
 * our own workers can carry stack traces, SQL or whole records on later lines, which never reach
 * a user. `max` cuts a long line (with "...") where space is short (a dialog, an HTTP error body);
 * the CLI shows the whole line, whose end often says why.
 */
export const FIRST_LINE_MAX = 300;

export function firstLine(err: unknown, fallback = '', max = Infinity): string {
  const text = err instanceof Error ? err.message : typeof err === 'string' ? err : String(err);
  const line = (text.split(/\r?\n/)[0] ?? '').trim();
  if (!line) return fallback;
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}
