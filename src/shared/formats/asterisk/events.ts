// The queue_log events of the Asterisk documentation ("Queue Logs",
// docs.asterisk.org/Operation/Logging/Queue-Logs) and app_queue, with their
// parameters in order. Newer versions append parameters (ENTERQUEUE position,
// CONNECT ringtime, TRANSFER origposition, EXITWITH* origposition|waittime), so
// parameters are read by position and a missing trailing one is simply null.

export type EventRole =
  | 'enter' // the caller joins a queue
  | 'connect' // an agent answered
  | 'end-conversation' // the conversation ended (hang-up or transfer)
  | 'exit-queue' // the caller left the queue unanswered
  | 'ring' // an agent's phone rang without an answer (raw only)
  | 'call-info' // belongs to the call but draws nothing (DID, INFO)
  | 'member' // agent / queue-member events, not part of a call
  | 'system'; // whole-system events (CONFIGRELOAD, QUEUESTART)

export interface EventSpec {
  role: EventRole;
  params: readonly string[];
}

const spec = (role: EventRole, ...params: string[]): EventSpec => ({ role, params });

export const QUEUE_LOG_EVENTS: Readonly<Record<string, EventSpec>> = {
  ENTERQUEUE: spec('enter', 'url', 'callerid', 'position'),
  CONNECT: spec('connect', 'holdtime', 'bridgedchanneluniqueid', 'ringtime'),
  COMPLETEAGENT: spec('end-conversation', 'holdtime', 'calltime', 'origposition'),
  COMPLETECALLER: spec('end-conversation', 'holdtime', 'calltime', 'origposition'),
  TRANSFER: spec('end-conversation', 'extension', 'context', 'holdtime', 'calltime', 'origposition'),
  BLINDTRANSFER: spec('end-conversation', 'extension', 'context', 'holdtime', 'calltime', 'origposition'),
  // method (BRIDGE|APP|LINK) and 1–2 target fields, then holdtime|calltime|origposition: read from the end.
  ATTENDEDTRANSFER: spec('end-conversation', 'method', 'target', 'holdtime', 'calltime', 'origposition'),
  AGENTDUMP: spec('end-conversation'),
  ABANDON: spec('exit-queue', 'position', 'origposition', 'waittime'),
  EXITWITHTIMEOUT: spec('exit-queue', 'position', 'origposition', 'waittime'),
  EXITWITHKEY: spec('exit-queue', 'key', 'position', 'origposition', 'waittime'),
  EXITEMPTY: spec('exit-queue', 'position', 'origposition', 'waittime'),
  SYSCOMPAT: spec('exit-queue'),
  RINGNOANSWER: spec('ring', 'ringtime_ms'),
  RINGCANCELED: spec('ring', 'ringtime_ms'),
  DID: spec('call-info', 'did'),
  INFO: spec('call-info', 'info'),
  AGENTLOGIN: spec('member', 'channel'),
  AGENTLOGOFF: spec('member', 'channel', 'logintime'),
  AGENTCALLBACKLOGIN: spec('member', 'extension_context'),
  AGENTCALLBACKLOGOFF: spec('member', 'extension_context', 'logintime', 'reason'),
  ADDMEMBER: spec('member', 'channel'),
  REMOVEMEMBER: spec('member', 'channel'),
  PAUSE: spec('member', 'reason'),
  UNPAUSE: spec('member', 'reason'),
  PAUSEALL: spec('member', 'reason'),
  UNPAUSEALL: spec('member', 'reason'),
  PENALTY: spec('member', 'penalty'),
  CONFIGRELOAD: spec('system'),
  QUEUESTART: spec('system'),
};

/** Parameters by name; ATTENDEDTRANSFER's variable middle is joined into `target`. */
export function namedParams(event: string, data: readonly string[]): Record<string, string | null> {
  const s = QUEUE_LOG_EVENTS[event];
  const out: Record<string, string | null> = {};
  if (!s) return out;
  if (event === 'ATTENDEDTRANSFER' && data.length >= 4) {
    const n = data.length;
    out['method'] = data[0] ?? null;
    out['target'] = data.slice(1, n - 3).join('|') || null;
    out['holdtime'] = data[n - 3] ?? null;
    out['calltime'] = data[n - 2] ?? null;
    out['origposition'] = data[n - 1] ?? null;
    return out;
  }
  s.params.forEach((p, i) => {
    const v = data[i];
    out[p] = v === undefined || v === '' ? null : v;
  });
  return out;
}
