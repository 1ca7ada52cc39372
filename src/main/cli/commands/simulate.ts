import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeSimulatedExport } from '../../simulator/write-export';
import { CliError, parseCliArgs, type Command } from '../command';
import { EXIT } from '../exit-codes';

function wholeNumber(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError(`--${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

export const simulateCommand: Command = {
  usage:
    'simulate --calls N [--days D] [--seed S] [--tz Europe/Copenhagen] [--start YYYY-MM-DD] [--catalogue] [--tag-scenarios] [--deliveries K] --out <file>',
  summary: 'Writes a simulated call-events export (and its companion tables beside it), deterministic for a seed.',
  async run(argv) {
    const { values } = parseCliArgs(
      argv,
      {
        calls: { type: 'string' },
        days: { type: 'string' },
        seed: { type: 'string', default: '1' },
        tz: { type: 'string', default: 'Europe/Copenhagen' },
        start: { type: 'string' },
        catalogue: { type: 'boolean', default: false },
        'tag-scenarios': { type: 'boolean', default: false },
        deliveries: { type: 'string' },
        out: { type: 'string' },
      },
      false,
    );
    if (!values.out) throw new CliError('--out <file> is required');
    const catalogue = values.catalogue === true;
    const calls = wholeNumber('calls', values.calls, 0, 100_000_000) ?? (catalogue ? 0 : undefined);
    if (calls === undefined) throw new CliError('--calls N is required (or --catalogue)');
    // The catalogue keeps one call of each scenario whatever --calls says: a count asked for is not silently dropped.
    if (catalogue && values.calls !== undefined)
      process.stderr.write(
        `simulate: --catalogue writes one call of each scenario; --calls ${values.calls} does not apply\n`,
      );
    const days = wholeNumber('days', values.days, 1, 3660);
    const seed = wholeNumber('seed', values.seed, 0, 4_294_967_295)!;
    const deliveries = wholeNumber('deliveries', values.deliveries, 1, 100);
    // A folder given as --out used to "succeed" with no export written (only the companion files beside it).
    if (existsSync(values.out) && statSync(values.out).isDirectory())
      throw new CliError(
        `--out ${values.out} is a folder; give a file name (the companion tables are written beside it)`,
      );
    mkdirSync(dirname(values.out), { recursive: true });
    let result;
    try {
      result = await writeSimulatedExport({
        calls,
        days,
        seed,
        timeZone: values.tz,
        startDate: values.start,
        out: values.out,
        catalogue,
        tagScenarios: values['tag-scenarios'] === true,
        deliveries,
      });
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const rate = Math.round(result.calls / Math.max(result.seconds, 1e-9));
    process.stderr.write(
      `simulate: ${result.calls} calls, ${result.rows} rows, ${(result.bytes / 1e6).toFixed(1)} MB in ${result.seconds.toFixed(2)} s (${rate} calls/s) → ${result.files[0]}${result.files.length > 7 ? ` … (${result.files.length - 6} parts)` : ''}\n`,
    );
    return EXIT.ok;
  },
};
