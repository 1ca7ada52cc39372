// How a call's type reads: its label, with the dialer mode only when the label does not say it
// already ("Dialer (preview)", not "Dialer (preview) (preview)"; "Dialer (contact first) (predictive)").
import type { CallType } from '../../shared/model/archive-call';

export function callTypeText(type: CallType, dialerMode: string | null, t: (key: string) => string): string {
  const label = t(`callType.${type}`);
  if (!dialerMode) return label;
  const mode = dialerMode.toLowerCase().replace(/[_-]/g, ' ');
  if (type === `dialer_${dialerMode}` || label.toLowerCase().includes(mode)) return label;
  return `${label} (${dialerMode})`;
}
