// How a call's type reads: its label, with the dialer mode only when the label does not say it
// already ("Dialer (preview)", not "Dialer (preview) (preview)"; "Dialer (contact first) (predictive)"),
// the mode in the reader's language ("Dialer (kontakt først) (prædiktiv)").
import type { CallType } from '../model/archive-call';

/** The modes the engine reads from an export (classify.ts MODES); any other name is shown as written. */
const TRANSLATED_MODES = new Set(['preview', 'predictive', 'power', 'progressive']);

const modeKey = (dialerMode: string): string => dialerMode.toLowerCase().replace(/[ -]/g, '_');

/** A dialer mode in the reader's language ("prædiktiv"); a mode the engine does not know, as written. */
export function dialerModeText(dialerMode: string, t: (key: string) => string): string {
  const mode = modeKey(dialerMode);
  return TRANSLATED_MODES.has(mode) ? t(`dialerModes.${mode}`) : dialerMode;
}

export function callTypeText(type: CallType, dialerMode: string | null, t: (key: string) => string): string {
  const label = t(`callType.${type}`);
  if (!dialerMode) return label;
  // Compared by key, not by the label's words: the Danish label says "forhåndsvisning", not "preview".
  if (type === `dialer_${modeKey(dialerMode)}`) return label;
  return `${label} (${dialerModeText(dialerMode, t)})`;
}
