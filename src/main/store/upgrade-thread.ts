// Worker-thread role 'upgrade' (of the import worker entry): opens an archive of an older
// schema for writing, which upgrades it (openArchive → migrate, one transaction, then the
// compaction), posting its progress; then closes it. The app's host opens the upgraded file
// itself afterwards (src/main/api-host/opening.ts). Messages: UpgradeMessage.
import { parentPort, workerData } from 'node:worker_threads';
import { firstLine } from '../../shared/text/first-line';
import { openArchive } from './archive';
import type { UpgradeProgress } from './schema';

export type UpgradeMessage =
  { type: 'progress'; progress: UpgradeProgress } | { type: 'done' } | { type: 'failed'; message: string };

const { path } = workerData as { role: 'upgrade'; path: string };
const post = (m: UpgradeMessage) => parentPort?.postMessage(m);
try {
  openArchive(path, { onUpgrade: (progress) => post({ type: 'progress', progress }) }).close();
  post({ type: 'done' });
} catch (err) {
  post({ type: 'failed', message: firstLine(err, 'the upgrade failed') });
}
