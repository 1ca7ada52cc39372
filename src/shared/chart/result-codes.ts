// What an event's result code means (spec section 2), in English and Danish: the chart's
// tooltip and the events table show "h · caller hung up", not a bare "h". Queue codes apply to
// Queue, Queue (callback) and Consult to queue; conversation codes to Conversation and Consult.
import type { ArchiveEventType } from '../model/archive-call';
import type { ChartLocale } from './event-rows';

type Meanings = Record<string, [en: string, da: string]>;

const QUEUE: Meanings = {
  k: ['answered', 'besvaret'],
  q: ['callback ordered or request queued', 'tilbagekald bestilt eller anmodning sat i kø'],
  d: ['deleted from the queue', 'slettet fra køen'],
  c: ['cancelled by admin or consult to queue aborted', 'annulleret af admin eller rådfør kø afbrudt'],
  h: ['caller hung up', 'den ringende lagde på'],
  a: ['abort digit', 'afbrudt med tast'],
  t: ['timeout', 'timeout'],
  f: ['queue full', 'køen fuld'],
  s: ['rejected (no agents)', 'afvist (ingen agenter)'],
  b: ['fallback exit', 'fallback-udgang'],
  e: ['error', 'fejl'],
  m: ['moved', 'flyttet'],
  '?': ['unknown', 'ukendt'],
};
const MENU: Meanings = {
  k: ['ok', 'ok'],
  d: ['default exit', 'standardudgang'],
  h: ['hung up', 'lagt på'],
  m: ['maximum tries', 'maks. antal forsøg'],
  n: ['no match', 'intet match'],
  t: ['timeout', 'timeout'],
  e: ['error', 'fejl'],
};
const CONVERSATION: Meanings = {
  k: ['answered (by a person or an answering machine)', 'besvaret (af en person eller en telefonsvarer)'],
  t: ['alerting timeout (no answer)', 'ringetimeout (intet svar)'],
  b: ['busy or rejected', 'optaget eller afvist'],
  c: ['set-up timeout', 'timeout ved opkobling'],
  e: ['error or number not in use', 'fejl eller nummer ikke i brug'],
  h: ['agent hung up while it was ringing', 'agenten lagde på, mens det ringede'],
};

const BY_TYPE: Record<ArchiveEventType, Meanings> = {
  queue: QUEUE,
  queue_callback: QUEUE,
  consult_queue: QUEUE,
  deleted: QUEUE,
  menu: MENU,
  conversation: CONVERSATION,
  consult: CONVERSATION,
};

/** The meaning of a result code for an event type, or null for a code the spec does not name. */
export function resultMeaning(type: ArchiveEventType, code: string, locale: ChartLocale): string | null {
  const m = BY_TYPE[type][code];
  return m ? m[locale === 'da' ? 1 : 0] : null;
}

/** "h · caller hung up" (the code kept, so it can be found in the raw rows); the bare code when unknown. */
export function resultText(type: ArchiveEventType, code: string, locale: ChartLocale): string {
  const meaning = resultMeaning(type, code, locale);
  return meaning ? `${code} · ${meaning}` : code;
}
