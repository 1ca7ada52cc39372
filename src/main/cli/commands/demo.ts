import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_SETTINGS, createDemoArchive, defaultDemoPath, isDemoArchive } from '../../simulator/demo';
import { CliError, parseCliArgs, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { existsSync } from 'node:fs';

export const demoCommand: Command = {
  usage: 'demo [--db <path>] [--force]',
  summary: `Creates the demo archive (${DEMO_SETTINGS.calls} simulated calls over ${DEMO_SETTINGS.days} days, marked as demo data); reuses it when present.`,
  async run(argv, host = {}) {
    const { values } = parseCliArgs(
      argv,
      { db: { type: 'string' }, force: { type: 'boolean', default: false } },
      false,
    );
    const path = resolve(values.db ?? defaultDemoPath());
    if (existsSync(path) && !values.force) {
      if (isDemoArchive(path)) {
        process.stdout.write(`${path}\n`);
        process.stderr.write('demo: the demo archive exists already (--force recreates it)\n');
        return EXIT.ok;
      }
      throw new CliError(`${path} exists and is not a demo archive; choose another --db`);
    }
    if (values.force && existsSync(path)) {
      if (!isDemoArchive(path))
        throw new CliError(`${path} is not a demo archive; --force only replaces demo archives`);
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
    const started = performance.now();
    let result;
    try {
      result = await createDemoArchive(path, { worker: host.worker });
    } catch (err) {
      throw new CliError(`cannot create the demo archive: ${(err as Error).message}`);
    }
    process.stdout.write(`${result.path}\n`);
    process.stderr.write(
      `demo: ${result.calls} calls, ${result.rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return EXIT.ok;
  },
};
