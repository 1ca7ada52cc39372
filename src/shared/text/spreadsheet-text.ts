/**
 * Excel, LibreOffice and Google Sheets run a CSV cell that starts with `=`, `+`, `-` or `@` (or a
 * tab or carriage return before one) as a formula: a caller's number `=HYPERLINK(…)` in an export
 * would become a live link, `+4520100148` a number without its `+`, `-2+3` the figure 1. Such a text
 * value is written with an apostrophe in front (OWASP's "CSV injection" advice), which the sheet
 * shows as text; strip one leading apostrophe to get the value as exported. Numbers are not text
 * cells and are never changed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
