// The row accounting of `convert` and `import`, decided in one place: every input row ends as
// used (behind an event or a call field), kept (stored, not drawn, with a reason) or rejected
// (file, line, reason). Spec archive-model.md §6 and docs/archive.md.
//
// The decisions (pure functions, used by both):
// - a rejected or kept reader item keeps the reader's verdict;
// - a call the engine derived: its rows in `derived.kept` are kept with the engine's reason, the
//   others used (callRowVerdicts);
// - a call the engine cannot derive: every row KEPT with `call not derived: <reason>` — the rows
//   were read (so they are no rejected rows: those are records that could not be read); the archive
//   stores them and a later engine derives them (underivableReason);
// - records waiting for the rest of their call in another file: kept with their reason;
// - a companion record (agent, queue, menu name; call variable) superseded by a newer one of the
//   same key: kept (supersededReason), the newest used; a registration already given: kept
//   (DUPLICATE_REGISTRATION).
// RowLedger applies them to one run of files in memory (convert); the import applies the same
// functions to the archive's stored rows, across imports (src/main/import).
import type { DerivedCall } from './archive-call';
import type { EnquiryRegistration, RowOrigin } from './call-events';
import type { RowCounts } from './row-accounting';
import type { ReaderItem } from '../reader/types';
import { firstLine } from '../text/first-line';

export type RowVerdict = { status: 'used'; reason: null } | { status: 'kept' | 'rejected'; reason: string };

export const USED: RowVerdict = { status: 'used', reason: null };
export const kept = (reason: string): RowVerdict => ({ status: 'kept', reason });

/** Why the rows of a call the engine could not derive are kept. */
export function underivableReason(err: unknown): string {
  return `call not derived: ${firstLine(err)}`;
}

/** Why an older companion record is kept: `where` names the newer one ("import #3, line 7" / "agents.csv, line 7"). */
export const supersededReason = (where: string): string => `superseded by a newer record (${where})`;

export const DUPLICATE_REGISTRATION = 'duplicate of an enquiry registration already in the archive';

/** The rows of a derived call: kept with the engine's (or mapper's) reason, else used. */
export function callRowVerdicts(derived: Pick<DerivedCall, 'kept'>, origins: readonly RowOrigin[]): RowVerdict[] {
  const reasons = new Map<string, string>();
  for (const k of derived.kept) reasons.set(originKey(k.origin), k.reason);
  return origins.map((o) => {
    const reason = reasons.get(originKey(o));
    return reason === undefined ? USED : kept(reason);
  });
}

/** Records that only wait for the rest of their call (another file): kept, each with its own reason or the call's. */
export function pendingRowVerdicts(
  derived: Pick<DerivedCall, 'kept'>,
  pending: string,
  origins: readonly RowOrigin[],
): RowVerdict[] {
  return callRowVerdicts(derived, origins).map((v) => (v.status === 'used' ? kept(pending) : v));
}

export const originKey = (o: RowOrigin): string => `${o.file}\u0001${o.line}`;

/** The key under which a registration counts once (the archive's INSERT_REGISTRATION, src/main/store/lean-tables.ts). */
export const registrationKey = (r: EnquiryRegistration): string =>
  `${r.callId}\u0001${r.agentId ?? ''}\u0001${r.text}\u0001${r.at ?? -1}`;

/**
 * What the ledger remembers about companion keys (bounded memory for a run over millions of
 * records: convert keeps it in its staging SQLite file; tests in a Map).
 */
export interface LedgerMemory {
  /** Records `origin` as the newest record of `key`; returns the record it replaces, if any. */
  replace(key: string, origin: RowOrigin): RowOrigin | null;
  /** true the first time `key` is seen. */
  first(key: string): boolean;
}

export function mapMemory(): LedgerMemory {
  const latest = new Map<string, RowOrigin>();
  const seen = new Set<string>();
  return {
    replace: (key, origin) => {
      const older = latest.get(key) ?? null;
      latest.set(key, origin);
      return older;
    },
    first: (key) => {
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
  };
}

/** A (status, reason) of the ledger's tally, with how many rows got it. */
export interface VerdictCount {
  status: RowVerdict['status'];
  reason: string | null;
  count: number;
}

/**
 * The accounting of one run over files (convert): every reader item is visited once; call-event
 * rows are decided with their call (call / callNotDerived). Counts per verdict, not per row (a run
 * may hold millions of rows); `onVerdict` sees each row's verdict as it is decided (a superseded
 * companion record is reported again, kept).
 */
export class RowLedger {
  private readonly tally = new Map<string, VerdictCount>();
  private awaiting = 0;
  read = 0;

  constructor(
    private readonly memory: LedgerMemory = mapMemory(),
    private readonly onVerdict?: (origin: RowOrigin, verdict: RowVerdict) => void,
  ) {}

  /**
   * One reader item (call-events rows are decided with their call: call / callNotDerived). Returns
   * the record's verdict (null for a call-events row, decided later, and for a platform call's records).
   */
  visit(item: ReaderItem): RowVerdict | null {
    switch (item.kind) {
      case 'row':
        this.read++;
        this.awaiting++;
        return null;
      case 'rejected':
        return this.add(item.rejected.origin, { status: 'rejected', reason: item.rejected.reason });
      case 'kept':
        return this.add(item.origin, kept(item.reason));
      case 'agent':
        return this.companion(`agent\u0001${item.agentId}`, item.origin);
      case 'queue':
        return this.companion(`queue\u0001${item.queueKey}`, item.origin);
      case 'menu':
        return this.companion(`menu\u0001${item.menuId}`, item.origin);
      case 'variable':
        return this.companion(`variable\u0001${item.callId}\u0001${item.name}`, item.origin);
      case 'registration': {
        const first = this.memory.first(`registration\u0001${registrationKey(item.registration)}`);
        return this.add(item.origin, first ? USED : kept(DUPLICATE_REGISTRATION));
      }
      case 'call': {
        const origins = item.records.map((r) => r.origin);
        const verdicts =
          item.pending === undefined
            ? callRowVerdicts(item.derived, origins)
            : pendingRowVerdicts(item.derived, item.pending, origins);
        origins.forEach((o, i) => this.add(o, verdicts[i] as RowVerdict));
        return null;
      }
    }
  }

  /** The call-event rows of a derived call. */
  call(derived: Pick<DerivedCall, 'kept'>, origins: readonly RowOrigin[]): void {
    const verdicts = callRowVerdicts(derived, origins);
    origins.forEach((o, i) => this.decide(o, verdicts[i] as RowVerdict));
  }

  /** The call-event rows of a call the engine could not derive: kept with the reason (returned). */
  callNotDerived(origins: readonly RowOrigin[], err: unknown): string {
    const reason = underivableReason(err);
    for (const o of origins) this.decide(o, kept(reason));
    return reason;
  }

  /** Rows read = used + kept + rejected (once every call is decided). */
  counts(): RowCounts {
    const c: RowCounts = { read: this.read, used: 0, kept: 0, rejected: 0 };
    for (const v of this.tally.values()) c[v.status] += v.count;
    return c;
  }

  /** Rows per (status, reason), most frequent first. */
  verdictCounts(): VerdictCount[] {
    return [...this.tally.values()]
      .filter((v) => v.count > 0)
      .sort((a, b) => b.count - a.count || String(a.reason).localeCompare(String(b.reason)));
  }

  /** Call-event rows read but not decided yet: 0 once every call is derived or not. */
  get undecided(): number {
    return this.awaiting;
  }

  private companion(key: string, origin: RowOrigin): RowVerdict {
    const older = this.memory.replace(key, origin);
    if (older) {
      this.count(USED, -1);
      this.count(kept(supersededReason(`${origin.file}, line ${origin.line}`)), 1, older);
    }
    return this.add(origin, USED);
  }

  private decide(origin: RowOrigin, verdict: RowVerdict): void {
    this.awaiting--;
    this.count(verdict, 1, origin);
  }

  private add(origin: RowOrigin, verdict: RowVerdict): RowVerdict {
    this.read++;
    this.count(verdict, 1, origin);
    return verdict;
  }

  private count(verdict: RowVerdict, n: number, origin?: RowOrigin): void {
    const key = `${verdict.status}\u0001${verdict.reason ?? ''}`;
    let v = this.tally.get(key);
    if (!v) this.tally.set(key, (v = { status: verdict.status, reason: verdict.reason, count: 0 }));
    v.count += n;
    if (origin && n > 0) this.onVerdict?.(origin, verdict);
  }
}
