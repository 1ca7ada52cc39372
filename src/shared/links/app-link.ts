// callscope:// links for the desktop app: `callscope://open?archive=<absolute
// path>&<view query>` opens that archive at a search and / or a call. Parsing
// validates everything: the scheme, the action, an absolute archive path with an
// archive's extension and no control characters, and the view through decodeViewState.
import { decodeViewState, encodeViewState, type ViewState } from './view-state';

export const APP_LINK_SCHEME = 'callscope';
const ARCHIVE_EXT = /\.(sqlite|callscope|db)$/i;
const MAX_LINK = 8192;

export interface AppLink {
  archive: string | null;
  view: ViewState;
}

/**
 * A local absolute path: `/…` or `C:\…`. Not a network (UNC) path such as `\\host\share\…` or `//host/…`
 * (nor Windows' `\\?\` / `\\.\` forms): a link can come from any web page, and merely checking that
 * such a path exists makes Windows connect to that host over SMB, offering the user's credentials.
 */
function isAbsoluteArchivePath(path: string): boolean {
  if (path.length > 4096 || [...path].some((c) => c.charCodeAt(0) < 0x20)) return false;
  if (/^[\\/]{2}/.test(path)) return false;
  const absolute = path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
  return absolute && ARCHIVE_EXT.test(path) && !path.split(/[\\/]/).includes('..');
}

export function encodeAppLink(archive: string | null, view: ViewState): string {
  const query = new URLSearchParams();
  if (archive) query.set('archive', archive);
  const rest = encodeViewState(view);
  return `${APP_LINK_SCHEME}://open?${[query.toString(), rest].filter(Boolean).join('&')}`;
}

/** The link's archive and view, or null when it is not a valid callscope:// link. */
export function parseAppLink(link: unknown): AppLink | null {
  if (typeof link !== 'string' || link.length > MAX_LINK) return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_LINK_SCHEME}:` || url.hostname !== 'open') return null;
  if (url.pathname !== '' && url.pathname !== '/') return null;
  const archive = url.searchParams.get('archive');
  if (archive !== null && !isAbsoluteArchivePath(archive)) return null;
  return { archive, view: decodeViewState(url.search) };
}

/** The first callscope:// link among a second instance's arguments (Windows and Linux hand it over that way). */
export function findAppLink(argv: readonly string[]): AppLink | null {
  for (const arg of argv) {
    if (typeof arg === 'string' && arg.startsWith(`${APP_LINK_SCHEME}://`)) return parseAppLink(arg);
  }
  return null;
}
