// Which archive to open and the in-app recent-archives list (File → Open
// Recent), in userData/settings.json. The OS list (app.addRecentDocument) is
// fed by the shell alongside.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ShellSettings {
  lastArchive: string | null;
  recent: string[];
}

export const MAX_RECENT = 8;

/** The saved settings; archives that no longer exist are dropped from the recent list. */
export function loadSettings(file: string, exists: (path: string) => boolean = existsSync): ShellSettings {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<ShellSettings>;
    const recent = Array.isArray(s.recent)
      ? s.recent.filter((p): p is string => typeof p === 'string' && p.length > 0 && exists(p))
      : [];
    return {
      lastArchive: typeof s.lastArchive === 'string' && s.lastArchive ? s.lastArchive : null,
      recent: [...new Set(recent)].slice(0, MAX_RECENT),
    };
  } catch {
    return { lastArchive: null, recent: [] };
  }
}

export function saveSettings(file: string, settings: ShellSettings): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(settings, null, 2));
  } catch {
    // settings are a convenience; the app works without them
  }
}

/** Puts path first in the recent list (once), keeping only archives that still exist. */
export function withOpened(settings: ShellSettings, path: string, exists = existsSync): ShellSettings {
  const recent = [path, ...settings.recent.filter((p) => p !== path && exists(p))].slice(0, MAX_RECENT);
  return { lastArchive: path, recent };
}

/** File → Open Recent → Clear Recent: the list goes, the archive to reopen stays. */
export function withoutRecent(settings: ShellSettings): ShellSettings {
  return { lastArchive: settings.lastArchive, recent: [] };
}
