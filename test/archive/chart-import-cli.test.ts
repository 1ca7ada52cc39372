// #14 items 5 and 14 in the CLI: `imports` lists the failed attempts under the imports;
// `search --silent / --no-silent` filters silent dialer calls.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { runCli } from '../common/run-cli';

const cli = (...args: string[]) => runCli(args);

describe('callscope imports (attempts) and search --silent', () => {
  it('lists a failed attempt and filters silent calls', async () => {
    const dir = tempDir();
    const db = join(dir, 'a.db');
    const good = writeFile(dir, 'good.csv', csv(manyCalls(6).flatMap(inboundRows)));
    const bad = writeFile(dir, 'bad.csv', 'hello\nworld\n');
    expect((await cli('import', good, bad, '--db', db, '--tz', 'Europe/Copenhagen')).status).toBe(1);

    const text = await cli('imports', '--db', db);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Failed or cancelled import attempts/);
    expect(text.stdout).toMatch(/failed\s+bad\.csv\s+12 /);

    const json = JSON.parse((await cli('imports', '--db', db, '--attempts', '--json')).stdout) as {
      fileName: string;
      status: string;
      sha256: string;
    }[];
    expect(json.map((a) => [a.fileName, a.status])).toEqual([['bad.csv', 'failed']]);
    expect(json[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);

    // Six inbound calls: none silent.
    expect(JSON.parse((await cli('search', '--db', db, '--json', '--silent')).stdout).total).toBe(0);
    expect(JSON.parse((await cli('search', '--db', db, '--json', '--no-silent')).stdout).total).toBe(6);
  }, 60_000);
});
