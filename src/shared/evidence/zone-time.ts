// Instants in a named IANA zone with the offset that applies at that instant
// ("2026-03-10 10:00:00.000 +01:00"): the pack is read far from the app, so every
// time carries its offset instead of an abbreviation like "CET".

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface ZonedParts {
  date: string;
  time: string;
  /** "+01:00"; "+00:00" for UTC. */
  offset: string;
}

export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  const gmt = parts['timeZoneName'] ?? 'GMT';
  const offset = gmt === 'GMT' ? '+00:00' : gmt.replace(/^GMT/, '');
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    time: `${parts['hour']}:${parts['minute']}:${parts['second']}.${parts['fractionalSecond']}`,
    offset,
  };
}

/** "2026-03-10 10:00:00.000 +01:00"; "—" for a value that is not a time. */
export function formatZoned(value: string | number, timeZone: string): string {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) return '—';
  const p = zonedParts(ms, timeZone);
  return `${p.date} ${p.time} ${p.offset}`;
}
