// callscope:// links (NOT RUN here: Electron's binary cannot be installed; tested
// against test/shell's fake electron module). The app registers itself as the
// scheme's handler; a link arrives through macOS's open-url, or (Windows, Linux)
// as an argument of a second start, which the single-instance lock turns into
// 'second-instance' on the running app. Every link is parsed and validated
// (src/shared/links/app-link.ts) before anything acts on it.
import { app } from 'electron';
import { APP_LINK_SCHEME, findAppLink, parseAppLink, type AppLink } from '../../shared/links/app-link';

/** Registers the scheme and listens for open-url; links before the shell exists are kept for it. */
export function registerAppLinks(onLink: (link: AppLink) => void): void {
  // In development (`electron .`) the OS must start Electron with the app's folder.
  if (process.defaultApp && process.argv[1]) {
    app.setAsDefaultProtocolClient(APP_LINK_SCHEME, process.execPath, [process.argv[1]]);
  } else {
    app.setAsDefaultProtocolClient(APP_LINK_SCHEME);
  }
  app.on('open-url', (event: { preventDefault(): void }, url: string) => {
    event.preventDefault();
    const link = parseAppLink(url);
    if (link) onLink(link);
    else console.warn(`callscope: ignored an invalid link ${String(url).slice(0, 200)}`);
  });
}

/** A link among the arguments of this start or of a second one (Windows, Linux). */
export function appLinkFromArgv(argv: readonly string[]): AppLink | null {
  return findAppLink(argv);
}
