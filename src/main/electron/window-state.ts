// The main window's size and position, kept in a small JSON file in userData
// and restored on the next start — but only where it is still visible (a
// monitor may have been unplugged).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 };
const MIN = { width: 900, height: 600 };

export function loadWindowState(file: string): WindowState | null {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const b = s.bounds;
    if (!b || ![b.x, b.y, b.width, b.height].every((n) => Number.isFinite(n))) return null;
    return { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, maximized: s.maximized === true };
  } catch {
    return null;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(state));
  } catch {
    // losing the window position is not worth an error
  }
}

/**
 * The bounds to open with: the saved ones, clamped to the minimum size, when
 * at least 100×50 px of the title area lies on a current display; otherwise
 * only the saved size (centred by the OS) or the default.
 */
export function restoredBounds(saved: WindowState | null, displays: Rect[]): Partial<Rect> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_SIZE };
  const width = Math.max(MIN.width, Math.round(saved.bounds.width));
  const height = Math.max(MIN.height, Math.round(saved.bounds.height));
  const { x, y } = saved.bounds;
  const visible = displays.some(
    (d) => x + width - 100 >= d.x && x + 100 <= d.x + d.width && y >= d.y && y + 50 <= d.y + d.height,
  );
  return visible ? { x: Math.round(x), y: Math.round(y), width, height } : { width, height };
}
