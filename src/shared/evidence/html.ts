// HTML text building for the evidence pack: every value goes through escapeText
// or escapeAttr, so a field value like `</td><script>` stays text.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // A carriage return inside a value would be lost by line-based tools (and the
  // hash check reads lines): kept as a character reference instead.
  '\r': '&#13;',
};

export function escapeText(value: string): string {
  return value.replace(/[&<>"'\r]/g, (c) => ENTITIES[c] ?? c);
}

export const escapeAttr = escapeText;

/** "{id}" placeholders filled with already-escaped HTML; the template itself is escaped. */
export function fill(template: string, values: Record<string, string>): string {
  return template
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      return m && m[1] !== undefined && m[1] in values ? (values[m[1]] ?? '') : escapeText(part);
    })
    .join('');
}
