// A rejected row's raw text is what the auditor compares with the export: it must read as the
// file's line, quoting included. Fields joined bare made `"Support, DK"` look like two fields and
// `"=HYPERLINK(""x"")"` like a value with bare quotes.
import { describe, expect, it } from 'vitest';
import { HEADER, readText, rejected } from './helpers';

describe("a rejected row's raw text", () => {
  it('is the line as written in the file: a field holding the separator, a quote or a line break stays quoted', async () => {
    const line = '1,2,1,i,not-a-date,5,,,"=HYPERLINK(""http://x/?a"",""b"")",70201020,,,"Support, DK",,"two\nlines",7,';
    const [r] = rejected((await readText(`${HEADER}\n${line}\n`)).items);
    expect(r?.raw).toBe(line);
  });

  it('is unchanged for a line without quotes', async () => {
    const line = '1,2,1,i,not-a-date,5,,,4520100148,70201020,,,,,,7,';
    const [r] = rejected((await readText(`${HEADER}\n${line}\n`)).items);
    expect(r?.raw).toBe(line);
  });

  it("quotes for the file's own separator (semicolon files)", async () => {
    const line = '1;2;1;i;not-a-date;5;;;"a;b";70201020;;;"Support, DK";;;7;';
    const [r] = rejected((await readText(`${HEADER.replaceAll(',', ';')}\n${line}\n`)).items);
    expect(r?.raw).toBe(line.replace('"Support, DK"', 'Support, DK'));
  });
});
