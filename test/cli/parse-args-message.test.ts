// Node's option-parsing errors as one line a user acts on (Node's ran over three lines for
// `--limit -5`, missed a closing quote for an unknown option, and named `-d` for `-db`).
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/main/cli/command';

const options = { db: { type: 'string' }, limit: { type: 'string' } } as const;
const messageOf = (argv: string[]): string => {
  try {
    parseCliArgs(argv, options);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('accepted');
};

describe('option errors', () => {
  it('a value that starts with a dash: how to write it', () => {
    expect(messageOf(['--limit', '-5'])).toBe(
      '--limit needs a value; a value that starts with "-" is written --limit=-5',
    );
    expect(parseCliArgs(['--limit=-5'], options).values.limit).toBe('-5');
  });

  it('a missing value', () => {
    expect(messageOf(['--db'])).toBe('--db needs a value');
  });

  it('an unknown option, and a long option with one dash', () => {
    expect(messageOf(['--bogus'])).toBe('unknown option --bogus; --help lists the options');
    expect(messageOf(['-db', 'a.sqlite'])).toBe(
      'unknown option -db (long options take two dashes: --db); --help lists the options',
    );
  });

  it('every message is one line', () => {
    for (const argv of [['--limit', '-5'], ['--db'], ['--bogus'], ['-db', 'x']])
      expect(messageOf(argv)).not.toContain('\n');
  });
});
