// The one handler map both adapters (Electron IPC, browser-mode HTTP) route
// through: per ApiMethod, the zod schema of its argument and the call into the
// ArchiveApi implementation. Validation therefore happens here and nowhere
// else, before anything reaches SQLite.

import { z } from 'zod';
import type { ApiMethod, ArchiveApi } from '../../shared/api/archive-api';
import {
  callIdSchema,
  callSearchSchema,
  exportRequestSchema,
  importRequestSchema,
  jobIdSchema,
  rejectedPageSchema,
  statsQuerySchema,
  savedSearchBodySchema,
  savedSearchIdSchema,
  saveSearchSchema,
} from '../../shared/api/schemas';
import {
  callIdsSchema,
  callTagSchema,
  erasureSchema,
  logPageSchema,
  neighbourSchema,
  noteAddSchema,
  noteEditSchema,
  statusSetSchema,
  tagCreateSchema,
  tagUpdateSchema,
} from '../../shared/api/schemas';

/** The ArchiveApi function behind a method name, e.g. "calls.search" → ArchiveApi['calls']['search']. */
type MethodFn<M extends ApiMethod> = M extends `${infer N}.${infer K}`
  ? N extends keyof ArchiveApi
    ? K extends keyof ArchiveApi[N]
      ? ArchiveApi[N][K]
      : never
    : never
  : never;

type AnyFn = (...args: never[]) => unknown;
/** The argument type of a method; undefined for methods that take none. */
export type ArgOf<M extends ApiMethod> =
  MethodFn<M> extends AnyFn ? (Parameters<MethodFn<M>> extends [infer A, ...unknown[]] ? A : undefined) : never;
export type ResultOf<M extends ApiMethod> = MethodFn<M> extends AnyFn ? Awaited<ReturnType<MethodFn<M>>> : never;

export interface Handler<M extends ApiMethod> {
  /** Parses the untrusted argument; its output is what `call` receives. */
  schema: z.ZodType<ArgOf<M>, unknown>;
  call(api: ArchiveApi, arg: ArgOf<M>): Promise<ResultOf<M>>;
}

/** Methods without an argument accept undefined, null (JSON has no undefined) or nothing at all. */
const noArg = z
  .union([z.undefined(), z.null()])
  .transform(() => undefined)
  .describe('no argument');

export const handlers: { [M in ApiMethod]: Handler<M> } = {
  'archive.info': { schema: noArg, call: (api) => api.archive.info() },
  'archive.opening': { schema: noArg, call: (api) => api.archive.opening() },
  'calls.search': { schema: callSearchSchema, call: (api, q) => api.calls.search(q) },
  'calls.facets': { schema: callSearchSchema, call: (api, q) => api.calls.facets(q) },
  'calls.get': { schema: callIdSchema, call: (api, id) => api.calls.get(id) },
  'imports.list': { schema: noArg, call: (api) => api.imports.list() },
  'imports.rejected': { schema: rejectedPageSchema, call: (api, p) => api.imports.rejected(p) },
  'imports.kept': { schema: rejectedPageSchema, call: (api, p) => api.imports.kept(p) },
  'imports.start': { schema: importRequestSchema, call: (api, r) => api.imports.start(r) },
  'imports.progress': { schema: jobIdSchema, call: (api, id) => api.imports.progress(id) },
  'imports.cancel': { schema: jobIdSchema, call: (api, id) => api.imports.cancel(id) },
  'imports.attempts': { schema: noArg, call: (api) => api.imports.attempts() },
  'stats.compute': { schema: statsQuerySchema, call: (api, q) => api.stats.compute(q) },
  'exports.start': { schema: exportRequestSchema, call: (api, r) => api.exports.start(r) },
  'exports.progress': { schema: jobIdSchema, call: (api, id) => api.exports.progress(id) },
  'exports.cancel': { schema: jobIdSchema, call: (api, id) => api.exports.cancel(id) },
  'searches.list': { schema: noArg, call: (api) => api.searches.list() },
  'searches.save': { schema: saveSearchSchema, call: (api, r) => api.searches.save(r) },
  'searches.delete': { schema: savedSearchIdSchema, call: (api, id) => api.searches.delete(id) },
  'searches.recordRecent': { schema: savedSearchBodySchema, call: (api, s) => api.searches.recordRecent(s) },
  'verify.startDeep': { schema: noArg, call: (api) => api.verify.startDeep() },
  'verify.progress': { schema: jobIdSchema, call: (api, id) => api.verify.progress(id) },
  'review.get': { schema: callIdSchema, call: (api, id) => api.review.get(id) },
  'review.summaries': { schema: callIdsSchema, call: (api, ids) => api.review.summaries(ids) },
  'review.facets': { schema: callSearchSchema, call: (api, q) => api.review.facets(q) },
  'review.addNote': { schema: noteAddSchema, call: (api, n) => api.review.addNote(n) },
  'review.editNote': { schema: noteEditSchema, call: (api, n) => api.review.editNote(n) },
  'review.setStatus': { schema: statusSetSchema, call: (api, s) => api.review.setStatus(s) },
  'review.tags': { schema: noArg, call: (api) => api.review.tags() },
  'review.createTag': { schema: tagCreateSchema, call: (api, t) => api.review.createTag(t) },
  'review.updateTag': { schema: tagUpdateSchema, call: (api, t) => api.review.updateTag(t) },
  'review.addTag': { schema: callTagSchema, call: (api, t) => api.review.addTag(t) },
  'review.removeTag': { schema: callTagSchema, call: (api, t) => api.review.removeTag(t) },
  'review.neighbour': { schema: neighbourSchema, call: (api, n) => api.review.neighbour(n) },
  'review.log': { schema: logPageSchema, call: (api, p) => api.review.log(p) },
  'review.erasePreview': { schema: erasureSchema, call: (api, e) => api.review.erasePreview(e) },
  'review.erase': { schema: erasureSchema, call: (api, e) => api.review.erase(e) },
};
