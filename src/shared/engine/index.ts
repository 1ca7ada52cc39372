// The call-events engine: the rows of ONE call_id (all its sessions, from any
// number of files, possibly duplicated or re-delivered) → one archive call.
// Pure and deterministic: no I/O, and the order of the input rows does not matter.
// Decisions where the spec is silent: docs/formats/engine-decisions.md.

export { deriveCall } from './derive';
export { selectCurrentRows } from './dedupe';
export type { SupersededRow, RowSelection } from './dedupe';
export { toContractJson } from './contract-json';
export { EVENT_TYPE_LABELS, unansweredLabel } from './labels';
export { queueKind } from './classify';
