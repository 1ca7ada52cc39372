import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BenchContext } from '../../bench/part';
import { CliError, parseCliArgs, type Command } from '../command';
import { EXIT } from '../exit-codes';

export const benchCommand: Command = {
  usage: 'bench [--scale 1] [--only part,part] [--dir bench-data]',
  summary: 'Measures generation, conversion, import, search and UI speed at real sizes; prints figures and ratios.',
  async run(argv, host = {}) {
    const { values } = parseCliArgs(argv, {
      scale: { type: 'string', default: '1' },
      only: { type: 'string' },
      dir: { type: 'string', default: 'bench-data' },
    });
    const scale = Number(values.scale);
    if (!(scale > 0 && scale <= 10)) throw new CliError('--scale must be a number in (0, 10]');
    const only = values.only ? new Set(values.only.split(',')) : null;
    const workDir = values.dir as string;
    mkdirSync(workDir, { recursive: true });
    const rows: string[] = [];
    const ctx: BenchContext = {
      workDir,
      scale,
      shared: new Map(),
      worker: host.worker,
      report(part, figure, value, unit = '') {
        const v = typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : value;
        const line = `${part.padEnd(10)} ${figure.padEnd(46)} ${v} ${unit}`.trimEnd();
        rows.push(line);
        process.stdout.write(line + '\n');
      },
    };
    // Loaded when a bench runs, not with every command: the parts bring Playwright and the simulator.
    const { benchParts } = await import('../../bench/parts');
    process.stdout.write(`callscope bench — scale ${scale}, node ${process.version}, ${resolve(workDir)}\n`);
    for (const part of benchParts) {
      if (only && !only.has(part.name)) continue;
      process.stdout.write(`\n== ${part.name} ==\n`);
      await part.run(ctx);
    }
    return EXIT.ok;
  },
};
