// Which archive to open and the recent-archives list, in userData/settings.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ShellSettings {
  lastArchive: string | null;
  recent: string[];
}

const MAX_RECENT = 8;

export function loadSettings(file: string): ShellSettings {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<ShellSettings>;
    const recent = Array.isArray(s.recent) ? s.recent.filter((p): p is string => typeof p === 'string') : [];
    return { lastArchive: typeof s.lastArchive === 'string' ? s.lastArchive : null, recent: recent.slice(0, MAX_RECENT) };
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
