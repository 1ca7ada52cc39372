// The companion tables written beside the export. Header names are the ones the
// reader recognises (src/shared/reader/columns.ts): agents (agent_id, name),
// queues (queue_key, description), menus (module_id, menu_name), enquiry
// registrations (call_id, agent_id, enqreg_text, dte_registered), call variables
// (call_id, variable_name, variable_value).
import type { SimConfig } from './config';
import type { Roster } from './roster';
import { csvField, type SimCall } from './rows';
import type { LocalClock } from './time';

export const MENUS: [string, string][] = [
  ['M110', 'Hovedmenu'],
  ['M150', 'Velkomstbesked til kunde og agent'],
  ['M190', 'Lukket – åbningstider'],
  ['M193', 'Køen er fuld'],
  ['M194', 'Ingen ledige medarbejdere'],
  ['M195', 'Prøv igen senere'],
  ['M196', 'Telefonsvarer'],
  ['M210', 'Tilbagekald: indtast nummer'],
  ['M211', 'Tilbagekald: bekræft nummer'],
  ['M212', 'Tilbagekald bestilt'],
  ['M213', 'Tak for opkaldet'],
  ['M300', 'Dialer: stille opkald'],
];

export const COMPANION_HEADERS = {
  agents: 'agent_id,name\n',
  queues: 'queue_key,description\n',
  menus: 'module_id,menu_name\n',
  enqreg: 'call_id,agent_id,enqreg_text,dte_registered\n',
  variables: 'call_id,variable_name,variable_value\n',
  agentEvents: 'agent_id,event,reason,dte_start\n',
} as const;

/**
 * Agents' log on, lunch pause and log off per day up to `untilUtc` (from their
 * shifts), in time order. Kept by the reader as an uninterpreted table
 * (agent_events); shows that agents log on, pause and log off.
 */
export function agentEventsCsv(roster: Roster, clock: LocalClock, untilUtc: number): string {
  const parts: string[] = [COMPANION_HEADERS.agentEvents];
  const kinds: [string, string][] = [
    ['logon', ''],
    ['pause', 'Frokost'],
    ['ready', ''],
    ['logoff', ''],
  ];
  for (let d = 0; d < roster.dayCount; d++) {
    const day: [number, string][] = [];
    for (const a of roster.agents) {
      const logon = a.shifts[4 * d]!;
      if (logon !== logon) continue;
      for (let k = 0; k < 4; k++) day.push([a.shifts[4 * d + k]!, `${a.id},${kinds[k]![0]},${kinds[k]![1]},`]);
    }
    day.sort((x, y) => x[0] - y[0]);
    if (day.length > 0 && day[0]![0] > untilUtc) break;
    for (const [t, head] of day) if (t <= untilUtc) parts.push(head + clock.format(t) + '\n');
  }
  return parts.join('');
}

export function agentsCsv(roster: Roster): string {
  return COMPANION_HEADERS.agents + roster.agents.map((a) => `${a.id},${csvField(a.name)}\n`).join('');
}

export function queuesCsv(config: SimConfig): string {
  const all = [
    ...config.queues.map((q) => [q.key, q.description]),
    ...config.calloutQueues.map((q) => [q.key, q.description]),
    ...config.campaigns.map((q) => [q.key, q.description]),
  ];
  return COMPANION_HEADERS.queues + all.map(([k, d]) => `${k},${csvField(d!)}\n`).join('');
}

export function menusCsv(config: SimConfig): string {
  const welcome = config.queues.map((q, i): [string, string] => [
    `M10${i}`,
    q.country === 'dk' ? 'Velkomst' : q.country === 'se' ? 'Välkommen' : 'Velkommen',
  ]);
  return COMPANION_HEADERS.menus + [...welcome, ...MENUS].map(([id, name]) => `${id},${csvField(name)}\n`).join('');
}

export function registrationsCsv(call: SimCall, clock: LocalClock): string {
  let out = '';
  for (const r of call.registrations) out += `${call.callId},${r.agentId},${csvField(r.text)},${clock.format(r.at)}\n`;
  return out;
}

export function variablesCsv(call: SimCall, withScenario: boolean): string {
  let out = '';
  for (const [name, value] of call.variables) out += `${call.callId},${name},${csvField(value)}\n`;
  if (withScenario) out += `${call.callId},scenario,${call.scenario}\n`;
  return out;
}
