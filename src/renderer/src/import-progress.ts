// What the import dialog says about a running or finished job (#14 items 14, 15), as pure
// functions of the progress the API returns: which file of how many, the finishing phase by
// name (the bar is full while the last calls are derived and the indexes built), and a
// headline that tells a job with a failed file from one that failed as a whole.
import type { ImportPhase, ImportProgress, ImportRecord } from '../../shared/api/archive-api';

/** "File n of N": files finished so far + 1 (files run companions first, not in request order). */
export function fileNumber(p: Pick<ImportProgress, 'filesDone' | 'fileIndex' | 'fileCount'>): number {
  const done = p.filesDone ?? p.fileIndex;
  return Math.max(1, Math.min(done + 1, p.fileCount));
}

/** Phases said by name instead of a time left: the bytes are read, the work is not done. */
const NAMED_PHASES: readonly ImportPhase[] = ['checking', 'deriving', 'indexing'];

/** The i18n key of the phase to show while the job runs, or null (reading: the bar and time left say it). */
export function phaseKey(p: Pick<ImportProgress, 'state' | 'phase'>): string | null {
  if (p.state !== 'running' || !p.phase || !NAMED_PHASES.includes(p.phase)) return null;
  return `chartImport.phase.${p.phase}`;
}

/** A finishing phase: no "about 0:00 left" while it runs. */
export const isFinishing = (p: Pick<ImportProgress, 'phase'>): boolean =>
  p.phase === 'deriving' || p.phase === 'indexing';

export interface JobTally {
  imported: number;
  duplicates: number;
  failed: number;
  cancelled: number;
  files: number;
}

export function tallyResults(results: readonly Pick<ImportRecord, 'status'>[]): JobTally {
  const n = (s: ImportRecord['status']) => results.filter((r) => r.status === s).length;
  return {
    imported: n('done'),
    duplicates: n('duplicate'),
    failed: n('failed'),
    cancelled: n('cancelled'),
    files: results.length,
  };
}

export interface Headline {
  key: string;
  values: Record<string, number>;
  /** ok: every file got in; partial: some failed, some got in; bad: nothing got in / cancelled. */
  tone: 'ok' | 'partial' | 'bad' | 'running';
}

/** The progress block's headline: "Done", "Imported 1 of 2 files; 1 failed", "Failed", … */
export function headline(p: Pick<ImportProgress, 'state' | 'results'>): Headline {
  if (p.state === 'queued' || p.state === 'running')
    return { key: `import.state.${p.state}`, values: {}, tone: 'running' };
  const t = tallyResults(p.results);
  if (p.state === 'done' && t.failed > 0)
    return {
      key: 'chartImport.donePartial',
      values: { ok: t.imported + t.duplicates, n: t.files, failed: t.failed },
      tone: 'partial',
    };
  return { key: `import.state.${p.state}`, values: {}, tone: p.state === 'done' ? 'ok' : 'bad' };
}
