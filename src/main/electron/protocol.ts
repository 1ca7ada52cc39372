// Serves the built renderer from app://callscope/ instead of file://: a
// standard, secure origin of its own (file:// pages share one origin with the
// whole disk), and a place to attach the CSP header to every response.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { mimeOf, resolveStatic } from '../server/static';
import { SECURITY_HEADERS } from '../server/security';
import { APP_SCHEME } from './policy';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  // Files are read here rather than re-fetched as file:// URLs, which the
  // session's request filter (harden.ts) blocks on purpose.
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'callscope' ? resolveStatic(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    const body = await readFile(file);
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': mimeOf(file) } });
  });
}
