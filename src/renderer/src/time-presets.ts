// The time filter's presets and its chip text (#14 item 9). Pure: the zone comes in as a
// function giving the display zone's UTC offset (minutes) at an instant.
//
// Presets count back from the archive's newest call, not from today: an archive of last month
// would otherwise show "no calls" for "Last 7 days". "Last 24 hours" ends at the whole hour
// after the newest call; "Last 7 / 30 days" are the calendar days (display zone) that end with
// the newest call's day. Without a newest call (an empty archive) they count back from now.

export type OffsetAt = (ms: number) => number;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type Preset = '24h' | '7d' | '30d';
export const PRESETS: readonly Preset[] = ['24h', '7d', '30d'];

/** The instant at which the display zone's clock shows `wall` (wall-clock ms as if UTC). */
export function wallToInstant(wall: number, offsetAt: OffsetAt): number {
  let t = wall - offsetAt(wall) * 60_000;
  t = wall - offsetAt(t) * 60_000;
  return t;
}

/** The preset's range [from, to) as ISO instants, counted back from the newest call (or now). */
export function presetRange(
  preset: Preset,
  newestCall: string | null | undefined,
  nowMs: number,
  offsetAt: OffsetAt,
): { from: string; to: string } {
  const parsed = newestCall ? Date.parse(newestCall) : NaN;
  const anchor = Number.isNaN(parsed) ? nowMs : parsed;
  const wall = anchor + offsetAt(anchor) * 60_000;
  let endWall: number;
  let startWall: number;
  if (preset === '24h') {
    endWall = Math.floor(wall / HOUR) * HOUR + HOUR;
    startWall = endWall - DAY;
  } else {
    endWall = Math.floor(wall / DAY) * DAY + DAY;
    startWall = endWall - (preset === '7d' ? 7 : 30) * DAY;
  }
  return {
    from: new Date(wallToInstant(startWall, offsetAt)).toISOString(),
    to: new Date(wallToInstant(endWall, offsetAt)).toISOString(),
  };
}

/** "YYYY-MM-DD" and "HH:MM" of an instant in the display zone. */
function wallParts(ms: number, offsetAt: OffsetAt): { date: string; time: string; midnight: boolean } {
  const iso = new Date(ms + offsetAt(ms) * 60_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), midnight: iso.slice(11, 23) === '00:00:00.000' };
}

/**
 * The time chip's text: dates when both ends are whole days ("2026-09-30 – 2026-10-06", the
 * last day included; one date for one day), else with hours ("2026-10-05 15:00 – 2026-10-06
 * 15:00"; the second date left out on the same day). An open end is "…"; null without a range.
 */
export function timeChipText(from: string | null, to: string | null, offsetAt: OffsetAt): string | null {
  if (!from && !to) return null;
  const f = from ? wallParts(Date.parse(from), offsetAt) : null;
  const t = to ? wallParts(Date.parse(to), offsetAt) : null;
  const wholeDays = (f?.midnight ?? true) && (t?.midnight ?? true);
  if (wholeDays) {
    // `to` is exclusive: the last day shown is the one before it.
    const last = t && to ? wallParts(Date.parse(to) - 1, offsetAt).date : null;
    if (f && last && f.date === last) return f.date;
    return `${f?.date ?? '…'} – ${last ?? '…'}`;
  }
  const start = f ? `${f.date} ${f.time}` : '…';
  const end = t ? (f && f.date === t.date ? t.time : `${t.date} ${t.time}`) : '…';
  return `${start} – ${end}`;
}

/** The archive's period in words' parts: its first and last call's dates (display zone), or null when empty. */
export function archivePeriod(
  firstCall: string | null | undefined,
  lastCall: string | null | undefined,
  offsetAt: OffsetAt,
): { from: string; to: string } | null {
  if (!firstCall || !lastCall) return null;
  return {
    from: wallParts(Date.parse(firstCall), offsetAt).date,
    to: wallParts(Date.parse(lastCall), offsetAt).date,
  };
}

/** An instant as a datetime-local value ("2026-10-06T11:00") on the display zone's clock, '' for none. */
export function toZoneInput(iso: string | null, offsetAt: OffsetAt): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + offsetAt(ms) * 60_000).toISOString().slice(0, 16);
}

/** A datetime-local value read on the display zone's clock, as an ISO instant (null when empty or invalid). */
export function fromZoneInput(value: string, offsetAt: OffsetAt): string | null {
  if (!value) return null;
  const wall = Date.parse(`${value}Z`);
  return Number.isNaN(wall) ? null : new Date(wallToInstant(wall, offsetAt)).toISOString();
}
