// A tagged template for parameterised SQL: values become `?` with their
// parameter in order, nested fragments are inlined with theirs, so fragments can
// be composed without counting placeholders. Only raw() takes SQL text, and only
// from the fixed maps of this folder.
import type { Db } from '../store/native';
import { all, sql as declare } from '../store/sql';

export interface Frag {
  sql: string;
  params: unknown[];
}

type Value = Frag | number | string | null;

const isFrag = (v: Value): v is Frag => typeof v === 'object' && v !== null;

export function sql(strings: TemplateStringsArray, ...values: Value[]): Frag {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((v, i) => {
    if (isFrag(v)) {
      text += v.sql;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(v);
    }
    text += strings[i + 1] ?? '';
  });
  return { sql: text, params };
}

/** Fixed SQL text (a column or expression from a map of this folder), never a user's value. */
export const raw = (text: string): Frag => ({ sql: text, params: [] });

export function joinFrags(frags: readonly Frag[], separator: string): Frag {
  return { sql: frags.map((f) => f.sql).join(separator), params: frags.flatMap((f) => f.params) };
}

/** The rows of a composed fragment, of the row shape R declared by the caller (typed statement cache). */
export function fragRows<R>(db: Db, f: Frag): R[] {
  return all(db, declare<R, unknown[]>(f.sql), ...f.params);
}
