// A bad API argument in words a user reads (the CLI prints the line): the field, then what it
// must be, not the validation library's "Invalid option: expected one of …" or "Too big: …".
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callSearchSchema, statsQuerySchema } from '../../src/shared/api/schemas';
import { parseArg } from '../../src/main/api/validate';

const message = (schema: z.ZodType, value: unknown, what: string): string => {
  try {
    parseArg(schema, value, what);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('accepted');
};

describe('API argument errors in words', () => {
  it('a value not among the allowed: the list, named by the field (not "types.0")', () => {
    expect(message(callSearchSchema, { types: ['nonsense'] }, 'search')).toMatch(
      /^invalid search \(types\): must be one of inbound, callback, /,
    );
  });

  it('too many, too few, too short; a fraction where a whole number goes', () => {
    expect(message(statsQuerySchema, { by: ['queue', 'agent', 'type'] }, 'statistics query')).toBe(
      'invalid statistics query (by): at most 2 values',
    );
    expect(message(callSearchSchema, { limit: 0 }, 'search')).toBe('invalid search (limit): at least 1');
    expect(message(callSearchSchema, { offset: 1.5 }, 'search')).toBe(
      'invalid search (offset): must be a whole number',
    );
    expect(message(z.object({ value: z.string().min(3) }), { value: '12' }, 'erasure')).toBe(
      'invalid erasure (value): at least 3 characters',
    );
    expect(message(z.object({ n: z.number().lt(5) }), { n: 9 }, 'x')).toBe('invalid x (n): less than 5');
  });

  it('a rule of the schema of its own keeps its own message', () => {
    expect(message(statsQuerySchema, { by: ['queue', 'queue'] }, 'statistics query')).toBe(
      'invalid statistics query (by): a grouping twice',
    );
  });
});
