import { describe, expect, it } from 'vitest';
import { ApiError, dispatch } from '../../src/main/api-host/dispatch';
import { handlers } from '../../src/main/api-host/handlers';
import { API_METHODS, isApiMethod } from '../../src/shared/api/methods';
import { fakeApi } from './fake-api';

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('handler map', () => {
  it('has exactly one handler per API method', () => {
    expect(Object.keys(handlers).sort()).toEqual([...API_METHODS].sort());
  });

  it('allow-lists method names', () => {
    expect(isApiMethod('calls.search')).toBe(true);
    expect(isApiMethod('calls.__proto__')).toBe(false);
    expect(isApiMethod('constructor')).toBe(false);
    expect(isApiMethod(42)).toBe(false);
  });
});

describe('dispatch', () => {
  it('passes validated arguments with defaults filled to the implementation', async () => {
    const api = fakeApi();
    await dispatch(api, 'calls.search', { text: '4512' });
    expect(api.calls_).toEqual([
      { method: 'calls.search', arg: { text: '4512', sort: 'start', direction: 'desc', limit: 100 } },
    ]);
  });

  it('accepts undefined, null for methods without an argument and rejects anything else', async () => {
    const api = fakeApi();
    await dispatch(api, 'archive.info', undefined);
    await dispatch(api, 'imports.list', null);
    expect(api.calls_.map((c) => c.method)).toEqual(['archive.info', 'imports.list']);
    const err = await failure(dispatch(api, 'archive.info', { path: '/etc' }));
    expect(err.code).toBe('invalid_argument');
  });

  it('refuses an invalid argument with a message naming the field, before the implementation', async () => {
    const api = fakeApi();
    const err = await failure(dispatch(api, 'calls.search', { limit: 1_000_000 }));
    expect(err.code).toBe('invalid_argument');
    expect(err.message).toMatch(/^invalid argument to calls\.search: limit: /);
    const unknownKey = await failure(dispatch(api, 'calls.search', { text: 'x', sql: 'DROP TABLE calls' }));
    expect(unknownKey.message).toMatch(/sql/);
    const wrongType = await failure(dispatch(api, 'calls.get', { callId: 1 }));
    expect(wrongType.code).toBe('invalid_argument');
    expect(api.calls_).toEqual([]);
  });

  it('refuses unknown methods, including prototype names', async () => {
    const api = fakeApi();
    for (const m of ['calls.drop', '__proto__', 'toString', 'calls.constructor', null]) {
      const err = await failure(dispatch(api, m, undefined));
      expect(err.code).toBe('unknown_method');
    }
  });

  it('turns an implementation failure into one line without a stack', async () => {
    const logged: unknown[] = [];
    const err = await failure(dispatch(fakeApi(), 'calls.get', 'explode', { logError: (_m, e) => logged.push(e) }));
    expect(err.code).toBe('internal');
    expect(err.message).toBe('calls.get failed: SQLITE_CORRUPT: database disk image is malformed');
    expect(err.message).not.toMatch(/\n|at Statement/);
    expect(logged).toHaveLength(1);
  });

  it('applies the host import policy after validation', async () => {
    const api = fakeApi();
    const policy = {
      checkImport(r: { files: string[] }) {
        if (r.files.some((f) => !f.startsWith('/uploads/'))) throw new ApiError('forbidden', 'not an upload');
      },
    };
    await dispatch(api, 'imports.start', { files: ['/uploads/a.csv'], timeZone: 'Europe/Copenhagen' }, policy);
    const err = await failure(dispatch(api, 'imports.start', { files: ['/etc/passwd'], timeZone: 'UTC' }, policy));
    expect(err.code).toBe('forbidden');
    expect(api.calls_.map((c) => c.method)).toEqual(['imports.start']);
  });
});
