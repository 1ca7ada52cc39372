// The main window's size and position, kept in a small JSON file in userData
// and restored on the next start — clamped to a display that still exists (a
// monitor may have been unplugged, or the resolution lowered since).
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
export const MIN_SIZE = { width: 900, height: 600 };

export function loadWindowState(file: string): WindowState | null {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const b = s.bounds;
    if (!b || ![b.x, b.y, b.width, b.height].every((n) => Number.isFinite(n))) return null;
    if (b.width <= 0 || b.height <= 0) return null;
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

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/**
 * The bounds to open with. Saved bounds are put on the display (work area) they
 * overlap most: the size shrunk to fit it (never below the minimum, unless the
 * display itself is smaller), the position moved so the whole window — title
 * bar included — is on it. A window that overlaps no display keeps only its
 * size (fitted to the first display) and is centred by the OS.
 * `displays[0]` is taken as the primary display.
 */
export function restoredBounds(
  saved: WindowState | null,
  displays: Rect[],
): Partial<Rect> & { width: number; height: number } {
  const primary = displays[0];
  const fit = (size: { width: number; height: number }, d: Rect | undefined) => ({
    width: Math.round(
      d ? Math.min(Math.max(size.width, MIN_SIZE.width), d.width) : Math.max(size.width, MIN_SIZE.width),
    ),
    height: Math.round(
      d ? Math.min(Math.max(size.height, MIN_SIZE.height), d.height) : Math.max(size.height, MIN_SIZE.height),
    ),
  });
  if (!saved) return fit(DEFAULT_SIZE, primary);
  const best = displays
    .map((d) => ({ d, area: overlap(saved.bounds, d) }))
    .filter((c) => c.area > 0)
    .sort((a, b) => b.area - a.area)[0]?.d;
  if (!best) return fit(saved.bounds, primary);
  const { width, height } = fit(saved.bounds, best);
  return {
    x: Math.round(clamp(saved.bounds.x, best.x, best.x + best.width - width)),
    y: Math.round(clamp(saved.bounds.y, best.y, best.y + best.height - height)),
    width,
    height,
  };
}
