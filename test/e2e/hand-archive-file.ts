// Writes the statistics tests' hand-written archive to the path given as the
// first argument (run under tsx: the store modules import package.json, which
// Playwright's own loader cannot).
import { renameSync } from 'node:fs';
import { archiveFileOf } from '../statistics/archive-fixture';
import { HAND_CALLS, HAND_ZONE } from '../statistics/hand-archive';

const out = process.argv[2];
if (!out) throw new Error('usage: hand-archive-file.ts <out.sqlite>');
renameSync(archiveFileOf(HAND_CALLS, HAND_ZONE), out);
