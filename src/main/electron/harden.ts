// Everything the window may not do, enforced in main (a compromised renderer
// cannot lift it): no remote requests, no navigation, no new windows, no
// webviews, no permissions, CSP on every response.
import { app, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../server/security';
import { permissionAllowed, requestAllowed } from './policy';

export function hardenSession(session: Session, devServerUrl?: string): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = requestAllowed(details.url, devServerUrl);
    if (!allowed) console.warn(`callscope: blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  // The dev server's responses (and anything else with headers) get the same CSP as app://.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
  session.setPermissionCheckHandler((_wc, permission) => permissionAllowed(permission));
  session.setDevicePermissionHandler(() => false);
}

/** For every web contents ever created (the window, DevTools, anything a bug might open). */
export function hardenAllContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
