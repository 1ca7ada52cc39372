// Issue 14 item 7: words of one or two characters match only the start of numbers and names,
// words of three or more anywhere — one rule (src/shared/api/search-words.ts) for the archive's
// SQL, the list's marks and the hints; `callscope search` prints the same note as the search box.
import { describe, expect, it } from 'vitest';
import { isNumberSearch, searchWords, startOnlyNote, startOnlyWords } from '../../src/shared/api/search-words';
import { ftsMatch, shortWords } from '../../src/main/api/search-sql';
import { archiveOfInboundCalls } from './helpers';
import { runCli } from '../common/run-cli';

const cli = (...args: string[]) => runCli(args);

describe('search words', () => {
  it('a number-like text is one word of its digits; any other text is split on spaces', () => {
    expect(searchWords(' +45 12-34 ')).toEqual(['451234']);
    expect(isNumberSearch('(045) 12')).toBe(true);
    expect(searchWords('Anna 12')).toEqual(['Anna', '12']);
    expect(searchWords('   ')).toEqual([]);
  });

  it('one- and two-character words are the start-only ones, and the SQL uses the same split', () => {
    expect(startOnlyWords('9')).toEqual(['9']);
    expect(startOnlyWords('99 anna xy')).toEqual(['99', 'xy']);
    expect(startOnlyWords('999')).toEqual([]);
    expect(startOnlyWords('+4 5')).toEqual(['45']); // a typed number is one word of its digits: two here
    for (const text of ['9', '99', '999', 'an Holm', '+45 1', 'Q_K x']) {
      expect(shortWords(text)).toEqual(startOnlyWords(text));
      expect(ftsMatch(text) === null).toBe(searchWords(text).every((w) => [...w].length < 3));
    }
  });

  it('the note names the short words and says what they match', () => {
    expect(startOnlyNote('999')).toBeNull();
    expect(startOnlyNote('9')).toBe(
      'note: "9" is shorter than 3 characters and matches only the start of the caller\'s or access number, an agent or a queue; words of 3 or more characters match anywhere (also in call ids and labels)',
    );
  });
});

describe('callscope search prints the note of the search box', () => {
  it('on stderr for a one- or two-character word, not for longer ones; --json stays JSON', async () => {
    // The archive imported in this thread: `search` is tested here, the CLI's import (and its worker) elsewhere.
    const s = await archiveOfInboundCalls(12);
    s.archive.close();
    const db = s.path;
    const short = await cli('search', 'a1', '--db', db);
    expect(short.status).toBe(0);
    expect(short.stderr).toContain('note: "a1" is shorter than 3 characters');
    expect(short.stdout).toMatch(/of \d+ calls/);
    const long = await cli('search', '4520', '--db', db);
    expect(long.status).toBe(0);
    expect(long.stderr).not.toContain('note:');
    const json = await cli('search', '--text', '9', '--db', db, '--json');
    expect(json.stderr).toContain('note: "9"');
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });
});
