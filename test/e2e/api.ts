// Direct calls to browser mode's API from the test process (with the token):
// used to find the calls the UI steps then look for, and for the security tests.
import type { APIRequestContext } from '@playwright/test';
import type { CallDetail, CallListRow, CallPage } from '../../src/shared/api/archive-api';
import { e2e } from './env';

export async function call<T>(request: APIRequestContext, method: string, arg?: unknown): Promise<T> {
  const res = await request.post(`${e2e.origin}/api/${method}`, {
    headers: { 'x-callscope-token': e2e.token, 'content-type': 'application/json' },
    data: JSON.stringify(arg ?? null),
  });
  if (!res.ok()) throw new Error(`${method} → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** The first call (by the API's order) whose detail satisfies the predicate. */
export async function findCall(
  request: APIRequestContext,
  query: Record<string, unknown>,
  predicate: (d: CallDetail) => boolean,
): Promise<{ row: CallListRow; detail: CallDetail } | null> {
  let cursor: string | null = null;
  do {
    const page: CallPage = await call<CallPage>(request, 'calls.search', { ...query, limit: 200, cursor });
    for (const row of page.rows) {
      const detail = await call<CallDetail | null>(request, 'calls.get', row.callId);
      if (detail && predicate(detail)) return { row, detail };
    }
    cursor = page.nextCursor;
  } while (cursor);
  return null;
}
