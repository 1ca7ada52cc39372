// What an erasure looks for and what it writes instead: a phone number in any
// writing (spaces, dashes, a leading + or 00, with or without the country code)
// or an e-mail address (any case), replaced by one fixed marker. Pure string work.
import { ArchiveError } from '../store/errors';

/** What every erased value becomes, everywhere (no digit, so no number search finds it). */
export const ERASED = '[erased]';

export type ErasureTarget = { kind: 'number'; digits: string } | { kind: 'email'; text: string };

const NUMBERISH = /^[\d\s+\-()./]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/**
 * A run of phone-number characters that starts and ends with a digit (an optional + in front), and
 * the "(" before it: "(47) 9149 0710" is erased whole, not to "([erased]" (see eraseNumbers).
 */
const NUMBER_RUN = /\(?\+?\d(?:[\d\s\-()./]*\d)?/g;
/** A country code or trunk prefix is at most this many digits longer than the other writing. */
const MAX_PREFIX = 4;
/** Shorter than this, a number is not matched by its end (too many other numbers end alike). */
const MIN_SUFFIX_MATCH = 6;

function normalDigits(s: string): string {
  const d = s.replace(/\D+/g, '');
  return d.startsWith('00') ? d.slice(2) : d;
}

export function targetOf(value: string): ErasureTarget {
  const v = value.trim();
  if (EMAIL.test(v)) return { kind: 'email', text: v.toLowerCase() };
  if (NUMBERISH.test(v)) {
    const digits = normalDigits(v);
    if (digits.length >= 4) return { kind: 'number', digits };
  }
  throw new ArchiveError(
    `"${v.length > 3 ? `${v.slice(0, 2)}…` : '…'}" is neither a phone number (4 digits or more) nor an e-mail address`,
    'INVALID',
  );
}

interface Matcher {
  emails: string[];
  /** Digits of every number target, and their endings a shorter writing may have (≥ MIN_SUFFIX_MATCH). */
  numbers: Set<string>;
  endings: Set<string>;
  hasNumbers: boolean;
}

const matchers = new WeakMap<readonly ErasureTarget[], Matcher>();

/** The targets prepared once: a retention erasure has thousands of numbers, each string is read once. */
function matcherOf(targets: readonly ErasureTarget[]): Matcher {
  let m = matchers.get(targets);
  if (m) return m;
  m = { emails: [], numbers: new Set(), endings: new Set(), hasNumbers: false };
  for (const t of targets) {
    if (t.kind === 'email') m.emails.push(t.text);
    else {
      m.hasNumbers = true;
      m.numbers.add(t.digits);
      for (let cut = 1; cut <= MAX_PREFIX && t.digits.length - cut >= MIN_SUFFIX_MATCH; cut++)
        m.endings.add(t.digits.slice(cut));
    }
  }
  matchers.set(targets, m);
  return m;
}

/** A number written in the text is one of the targets (the same digits, or the same but for a short prefix). */
function isTargetNumber(digits: string, m: Matcher): boolean {
  if (m.numbers.has(digits) || m.endings.has(digits)) return true;
  for (let cut = 1; cut <= MAX_PREFIX && digits.length - cut >= MIN_SUFFIX_MATCH; cut++)
    if (m.numbers.has(digits.slice(cut))) return true;
  return false;
}

/** The text with every occurrence of the targets replaced by the marker (the same string when none occurs). */
export function eraseIn(text: string, targets: readonly ErasureTarget[]): string {
  const m = matcherOf(targets);
  let out = text;
  for (const email of m.emails) {
    let i = out.toLowerCase().indexOf(email);
    while (i >= 0) {
      out = out.slice(0, i) + ERASED + out.slice(i + email.length);
      i = out.toLowerCase().indexOf(email, i + ERASED.length);
    }
  }
  if (m.hasNumbers) out = out.replace(NUMBER_RUN, (run) => eraseNumber(run, m));
  return out;
}

/** A number run erased when it is a target; a "(" in front belongs to it only when the run closes it. */
function eraseNumber(run: string, m: Matcher): string {
  const open = run.startsWith('(') && !run.includes(')') ? '(' : '';
  const number = open ? run.slice(1) : run;
  return isTargetNumber(normalDigits(number), m) ? open + ERASED : run;
}

/** Deep copy of a JSON value with eraseIn applied to every string (keys included). */
export function eraseInJson(value: unknown, targets: readonly ErasureTarget[]): unknown {
  if (typeof value === 'string') return eraseIn(value, targets);
  if (Array.isArray(value)) return value.map((v) => eraseInJson(v, targets));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [eraseIn(k, targets), eraseInJson(v, targets)]),
    );
  return value;
}

/**
 * A LIKE pattern every stored text holding the target matches (and a few more): the SQL
 * prefilter before the exact check in JS. A number's digits with `%` between them match it
 * in any writing.
 */
export function likeFilterOf(t: ErasureTarget): string {
  const esc = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  if (t.kind === 'email') return `%${esc(t.text)}%`;
  const tail = t.digits.length > MIN_SUFFIX_MATCH ? t.digits.slice(-MIN_SUFFIX_MATCH) : t.digits;
  return `%${[...tail].join('%')}%`;
}
