// Archive failures keep their meaning across the API boundary: a stale cursor or an
// unknown import job reaches the caller as invalid_argument / not_found (HTTP 400 / 404),
// is not logged as an internal failure, and only unexpected errors become 'internal'.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError, dispatch, toFailure } from '../../src/main/api-host/dispatch';
import { ARCHIVE_ERROR_CODES, HTTP_STATUS, apiCodeOf } from '../../src/main/api-host/error-codes';
import { openArchiveApi } from '../../src/main/api-host/open';
import { ArchiveError, explain } from '../../src/main/store/errors';
import { API_ERROR_CODES } from '../../src/shared/api/methods';
import { en } from '../../src/shared/i18n/en';
import { da } from '../../src/shared/i18n/da';
import { bundledWorkerEntry } from '../common/worker-entry';

const dir = mkdtempSync(join(tmpdir(), 'callscope-errcodes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('archive errors through dispatch', () => {
  it('an invalid cursor is invalid_argument (400), not logged as internal', async () => {
    const opened = openArchiveApi(join(dir, 'a.sqlite'), { create: true, worker: bundledWorkerEntry() });
    const logged: unknown[] = [];
    try {
      const err = await failure(
        dispatch(opened.api, 'calls.search', { cursor: 'bm90IGEgY3Vyc29y' }, { logError: (_m, e) => logged.push(e) }),
      );
      expect(err.code).toBe('invalid_argument');
      expect(err.message).toMatch(/cursor/);
      expect(HTTP_STATUS[err.code]).toBe(400);
      expect(logged).toEqual([]);
    } finally {
      opened.close();
    }
  });

  it('a search text with a NUL character is invalid_argument (400), not an internal FTS failure', async () => {
    const opened = openArchiveApi(join(dir, 'nul.sqlite'), { create: true, worker: bundledWorkerEntry() });
    try {
      // SQLite's FTS5 query reads up to the NUL: the quoted phrase "a\0b" became `"a`, "unterminated string".
      for (const method of ['calls.search', 'review.facets'] as const) {
        const err = await failure(dispatch(opened.api, method, { text: 'a\u0000b' }));
        expect(err.code).toBe('invalid_argument');
        expect(err.message).toMatch(/text/);
      }
    } finally {
      opened.close();
    }
  });

  it('an unknown import job is not_found (404)', async () => {
    const opened = openArchiveApi(join(dir, 'b.sqlite'), { create: true, worker: bundledWorkerEntry() });
    try {
      const err = await failure(dispatch(opened.api, 'imports.progress', 'no-such-job'));
      expect(err.code).toBe('not_found');
      expect(HTTP_STATUS[err.code]).toBe(404);
    } finally {
      opened.close();
    }
  });

  it('maps each coded archive error, and leaves unexpected errors internal', () => {
    expect(apiCodeOf(explain({ code: 'SQLITE_BUSY', message: 'database is locked' }, 'import'))).toBe('busy');
    expect(apiCodeOf(explain({ code: 'SQLITE_READONLY', message: 'readonly' }, 'import'))).toBe('read_only');
    expect(apiCodeOf(explain({ code: 'SQLITE_FULL', message: 'full' }, 'import'))).toBe('disk_full');
    expect(apiCodeOf(explain({ code: 'SQLITE_CORRUPT', message: 'malformed' }, 'search'))).toBe('damaged');
    expect(apiCodeOf(new ArchiveError('something else', 'ARCHIVE'))).toBeNull();
    expect(apiCodeOf(new Error('boom'))).toBeNull();
    expect(toFailure(new ArchiveError('invalid cursor', 'INVALID'))).toEqual({
      error: { code: 'invalid_argument', message: 'invalid cursor' },
    });
    expect(toFailure(new Error('boom\n    at x'))).toEqual({ error: { code: 'internal', message: 'boom' } });
  });

  it('every API error code has an HTTP status and a sentence in English and Danish', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...API_ERROR_CODES].sort());
    for (const code of Object.values(ARCHIVE_ERROR_CODES)) expect(API_ERROR_CODES).toContain(code);
    for (const code of API_ERROR_CODES) {
      expect((en.error as Record<string, string>)[code], code).toBeTruthy();
      expect((da.error as Record<string, string>)[code], code).toBeTruthy();
    }
  });
});
