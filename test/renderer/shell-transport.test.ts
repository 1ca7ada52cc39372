// The renderer's API transport (SHELL): one proxy for ArchiveApi whose calls
// become IPC invokes or POST /api/<method> with the token; failures become
// ApiCallError with the server's one-line message.
import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../src/shared/api/methods';
import { apiProxy, ApiCallError, httpSend, ipcSend, uploadViaHttp } from '../../src/renderer/src/api/transport';
import type { CallscopeBridge } from '../../src/renderer/src/api/bridge';

describe('apiProxy', () => {
  it('exposes every ApiMethod and forwards name and argument', async () => {
    const sent: [string, unknown][] = [];
    const api = apiProxy(async (m, a) => (sent.push([m, a]), { ok: 1 }));
    await api.calls.search({ text: '45' });
    await api.archive.info();
    await api.imports.cancel('job');
    expect(sent).toEqual([
      ['calls.search', { text: '45' }],
      ['archive.info', undefined],
      ['imports.cancel', 'job'],
    ]);
    for (const m of API_METHODS) {
      const [ns, name] = m.split('.') as [string, string];
      expect(typeof (api as unknown as Record<string, Record<string, unknown>>)[ns]?.[name]).toBe('function');
    }
  });
});

describe('httpSend', () => {
  it('posts JSON with the token and returns the answer', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ total: 3 }), { status: 200 });
    }) as unknown as typeof fetch;
    const value = await httpSend('tok', fetchFn)('calls.search', { text: 'x' });
    expect(value).toEqual({ total: 3 });
    expect(seen[0]?.url).toBe('/api/calls.search');
    expect(seen[0]?.init.method).toBe('POST');
    expect((seen[0]?.init.headers as Record<string, string>)['x-callscope-token']).toBe('tok');
    expect(seen[0]?.init.body).toBe('{"text":"x"}');
  });

  it('turns an error answer into ApiCallError with the one-line message', async () => {
    const fetchFn = (async () =>
      new Response(
        JSON.stringify({
          error: { code: 'invalid_argument', message: 'invalid argument to calls.search: limit: too big' },
        }),
        {
          status: 400,
        },
      )) as unknown as typeof fetch;
    const err = await httpSend('tok', fetchFn)('calls.search', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).code).toBe('invalid_argument');
    expect((err as ApiCallError).message).toBe('invalid argument to calls.search: limit: too big');
  });

  it('says what to do without a token or when the server is gone', async () => {
    await expect(httpSend(null)('archive.info', undefined)).rejects.toThrow(/#token=/);
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(httpSend('t', down)('archive.info', undefined)).rejects.toThrow(/callscope serve/);
  });
});

describe('ipcSend and uploads', () => {
  it('unwraps IPC envelopes', async () => {
    const bridge = {
      invoke: async (m: string) =>
        m === 'archive.info'
          ? { ok: true, value: { calls: 1 } }
          : { ok: false, error: { code: 'unknown_method', message: 'nope' } },
    } as unknown as CallscopeBridge;
    expect(await ipcSend(bridge)('archive.info', null)).toEqual({ calls: 1 });
    await expect(ipcSend(bridge)('x.y', null)).rejects.toMatchObject({ code: 'unknown_method', message: 'nope' });
  });

  it('uploads each file and returns the server paths', async () => {
    const urls: string[] = [];
    const fetchFn = (async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify({ path: `/tmp/u/${urls.length}` }), { status: 200 });
    }) as unknown as typeof fetch;
    const files = [new File(['a'], 'a b.csv'), new File(['b'], 'c.csv')];
    expect(await uploadViaHttp('t', files, fetchFn)).toEqual(['/tmp/u/1', '/tmp/u/2']);
    expect(urls).toEqual(['/upload?name=a%20b.csv', '/upload?name=c.csv']);
  });
});

describe('upload progress', () => {
  it('reports bytes sent over all files and returns the server paths', async () => {
    const sentHeaders: Record<string, string>[] = [];
    class FakeXhr {
      upload: { onprogress: ((e: { loaded: number }) => void) | null } = { onprogress: null };
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      status = 0;
      responseText = '';
      private headers: Record<string, string> = {};
      private url = '';
      open(_m: string, url: string) {
        this.url = url;
      }
      setRequestHeader(k: string, v: string) {
        this.headers[k] = v;
      }
      send(body: File) {
        sentHeaders.push(this.headers);
        this.upload.onprogress?.({ loaded: Math.floor(body.size / 2) });
        this.status = 200;
        this.responseText = JSON.stringify({ path: `/srv${this.url}` });
        this.onload?.();
      }
    }
    const saved = (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest;
    (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = FakeXhr;
    try {
      const seen: [number, number][] = [];
      const files = [new File(['aaaa'], 'a.csv'), new File(['bbbbbb'], 'b.csv')];
      const paths = await uploadViaHttp('tok', files, fetch, (s, t) => seen.push([s, t]));
      expect(paths).toEqual(['/srv/upload?name=a.csv', '/srv/upload?name=b.csv']);
      expect(seen).toEqual([
        [2, 10],
        [4, 10],
        [7, 10],
        [10, 10],
      ]);
      expect(sentHeaders[0]?.['x-callscope-token']).toBe('tok');
    } finally {
      (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = saved;
    }
  });
});
