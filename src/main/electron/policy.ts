// The Electron window's request and navigation policy as plain functions
// (no Electron import), so test/shell can prove them under Node.

/** The privileged scheme the renderer is served from (see protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://callscope`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * Whether the renderer may load a URL: its own app:// files, DevTools, and —
 * in development only — the electron-vite dev server. Everything else
 * (http(s) anywhere, file://, ftp, ws to other hosts) is cancelled, so no
 * remote content ever reaches the window.
 */
export function requestAllowed(url: string, devServerUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === `${APP_SCHEME}:`) return u.host === 'callscope';
  if (u.protocol === 'devtools:' || u.protocol === 'data:' || u.protocol === 'blob:') return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    const sameHost = u.hostname === dev.hostname && u.port === dev.port;
    if (sameHost && (u.protocol === 'http:' || u.protocol === 'ws:')) return true;
  }
  return false;
}

/** Whether an IPC message comes from our own page (not a frame or page that got there somehow). */
export function senderAllowed(frameUrl: string | undefined, devServerUrl?: string): boolean {
  if (!frameUrl) return false;
  if (frameUrl.startsWith(`${APP_ORIGIN}/`)) return true;
  return Boolean(devServerUrl && frameUrl.startsWith(new URL(devServerUrl).origin + '/'));
}

/** Permissions the renderer may use: writing to the clipboard ("copy call id"). All others are denied. */
export function permissionAllowed(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}
