// verify.startDeep / verify.progress of the archive API: one deep verification at a time per open
// archive, run in batches on the API's own connection (it yields between batches), polled by the UI.
import { randomUUID } from 'node:crypto';
import type { ArchiveApi, DeepVerifyState } from '../../shared/api/archive-api';
import { ArchiveError } from '../store/errors';
import type { Db } from '../store/native';
import { deepVerify } from './deep-verify';
import { firstLine } from '../../shared/text/first-line';

export class DeepVerifyJobs {
  private readonly jobs = new Map<string, DeepVerifyState>();
  private running: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly api: ArchiveApi,
  ) {}

  start(): { jobId: string } {
    if (this.running) return { jobId: this.running }; // one at a time: the running one
    const jobId = randomUUID();
    const state: DeepVerifyState = {
      jobId,
      state: 'running',
      done: 0,
      total: 0,
      differences: [],
      moreDifferences: 0,
      error: null,
    };
    this.jobs.set(jobId, state);
    this.running = jobId;
    deepVerify(this.db, this.api, {
      onProgress: (p) => {
        state.done = p.done;
        state.total = p.total;
      },
    })
      .then((r) => {
        state.differences = r.differences;
        state.moreDifferences = r.moreDifferences;
        state.state = 'done';
      })
      .catch((err: unknown) => {
        state.state = 'failed';
        state.error = firstLine(err, 'failed');
      })
      .finally(() => {
        this.running = null;
      });
    return { jobId };
  }

  progress(jobId: string): DeepVerifyState {
    const s = this.jobs.get(jobId);
    if (!s) throw new ArchiveError(`no verification job ${jobId}`, 'NOTFOUND');
    return { ...s, differences: [...s.differences] };
  }
}
