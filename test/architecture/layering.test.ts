// The layering of the README's "Layout" section, enforced: the pure core imports
// nothing platform-specific, and nothing below the renderer imports the renderer.
// Every kind of import counts: `import … from`, `export … from`, dynamic `import()`,
// a side-effect `import 'x'` and `require('x')`.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|vue)$/.test(name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const pattern =
    /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  return [...text.matchAll(pattern)].map((m) => (m[1] ?? m[2] ?? m[3]) as string);
}

describe('layering', () => {
  it('sees every kind of import (so that the checks below can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callscope-layering-'));
    const file = join(dir, 'x.ts');
    writeFileSync(
      file,
      [
        "import type { A } from './a';",
        "export { b } from './b';",
        "import './side-effect.css';",
        "  import 'node:fs';",
        "const c = await import('./c');",
        "const d = require('./d');",
      ].join('\n'),
    );
    try {
      expect(imports(file)).toEqual(['./a', './b', './side-effect.css', 'node:fs', './c', './d']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('src/shared imports no Node, Electron, DOM-only or renderer modules', () => {
    const offenders: string[] = [];
    for (const file of sources(join(root, 'src/shared'))) {
      for (const spec of imports(file)) {
        if (
          /^(node:|electron|better-sqlite3|fs$|path$|os$|worker_threads|vue|pinia)/.test(spec) ||
          spec.includes('/main/') ||
          spec.includes('/renderer/')
        ) {
          offenders.push(`${relative(root, file)} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('src/main never imports the renderer', () => {
    const offenders = sources(join(root, 'src/main')).flatMap((file) =>
      imports(file)
        .filter((spec) => spec.includes('renderer/'))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('in the renderer only Pinia stores call the archive API (components never see the process boundary)', () => {
    const offenders = sources(join(root, 'src/renderer/src'))
      .filter((file) => !/[\\/](stores|api)[\\/]/.test(relative(root, file)))
      .filter((file) => /\buseApi\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});
