// Everything the window may not do, enforced in main (a compromised renderer
// cannot lift it): no remote requests, no navigation, no new windows, no
// webviews, no permissions, no downloads, CSP on every response of our own.
import { app, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../server/security';
import { permissionAllowed, requestAllowed } from './policy';

export function hardenSession(session: Session, devServerUrl?: string): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = requestAllowed(details.url, devServerUrl);
    if (!allowed) console.warn(`callscope: blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  // The dev server's pages get the same CSP as app:// (protocol.ts sets it there,
  // and index.html carries it as a meta tag). DevTools' own pages keep theirs.
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.url.startsWith('devtools:')) return callback({});
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
  session.setPermissionCheckHandler((_wc, permission) => permissionAllowed(permission));
  session.setDevicePermissionHandler(() => false);
  // Nothing in the app downloads; a link or script that tries gets nothing written to disk.
  session.on('will-download', (event) => event.preventDefault());
}

/** The per-contents guards; exported for the tests, installed by hardenAllContents. */
export function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** For every web contents ever created (the window, DevTools, anything a bug might open). */
export function hardenAllContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}
