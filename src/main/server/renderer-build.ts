// Where the built renderer lives in a checkout, and building it once when it
// is missing (a fresh clone running `callscope serve` or the UI bench).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const RENDERER_DIR = join(root, 'out', 'renderer');

/** Builds out/ with electron-vite when out/renderer has no index.html; throws with one line when that fails. */
export function ensureRendererBuilt(log: (line: string) => void = (l) => process.stderr.write(l + '\n')): void {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return;
  log('callscope: no built renderer in out/renderer; building it once (electron-vite build)…');
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('could not build the renderer: run `npm run build` and look at its errors');
  }
}
