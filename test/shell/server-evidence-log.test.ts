// Browser mode's evidence download is recorded in the archive's action log, as `evidence --out`
// is: the call, the offered file name, the format, the file's SHA-256 and the content SHA-256.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openArchiveApi, type OpenedArchive } from '../../src/main/api-host/open';
import { importFiles } from '../../src/main/import/run-import';
import { startServer, type RunningServer } from '../../src/main/server/server';
import { packStatedHash } from '../../src/shared/evidence';
import { csv, inboundRows, manyCalls, writeFile } from '../archive/fixtures';
import { freshArchive, TZ } from '../archive/helpers';

let server: RunningServer;
let opened: OpenedArchive;
const calls = manyCalls(2);

beforeAll(async () => {
  const s = freshArchive();
  const [r] = await importFiles(s.archive, [writeFile(s.dir, 'calls.csv', csv(calls.flatMap(inboundRows)))], {
    timeZone: TZ,
    inProcess: true,
  });
  expect(r!.status).toBe('done');
  s.archive.close();
  opened = openArchiveApi(s.path);
  server = await startServer({
    api: opened.api,
    rendererDir: join(s.dir),
    log: () => {},
    recordAction: (entry) => opened.recordAction(entry),
  });
}, 60_000);
afterAll(async () => {
  await server.close();
  opened.close();
});

it('GET /download/evidence appends an evidence entry naming the call, the file and both hashes', async () => {
  const callId = calls[0]!.callId;
  const res = await fetch(`http://127.0.0.1:${server.port}/download/evidence?token=${server.token}&callId=${callId}`);
  expect(res.status).toBe(200);
  const body = Buffer.from(await res.arrayBuffer());
  const [entry] = await opened.api.review.log({});
  expect(entry).toMatchObject({
    action: 'evidence',
    calls: 1,
    details: {
      callId,
      file: `callscope-evidence-${callId}.html`,
      format: 'html',
      contentSha256: packStatedHash(body.toString('utf8')),
      sha256: createHash('sha256').update(body).digest('hex'),
    },
  });
  // A refused download (no token) writes nothing.
  const entries = (await opened.api.review.log({})).length;
  expect((await fetch(`http://127.0.0.1:${server.port}/download/evidence?callId=${callId}`)).status).toBe(401);
  expect(await opened.api.review.log({})).toHaveLength(entries);
});
