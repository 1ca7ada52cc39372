// The named scenarios the simulator produces, with the spec rules they show.
// Every simulated call carries exactly one of these names (SimCall.scenario);
// `simulate --catalogue` writes one call of each.

export const SCENARIOS = {
  inbound_answered: { rules: ['R21'], text: 'Inbound call through IVR and queue, answered by an agent' },
  inbound_welcome_message: {
    rules: ['R20'],
    text: 'Answered; a short welcome message to caller and agent when the agent answers',
  },
  inbound_agent_no_answer: {
    rules: ['R16'],
    text: 'First agent offered the call does not answer (t); a second agent answers; the first is not involved',
  },
  inbound_consult: { rules: ['R21'], text: 'Agent consults a colleague while the caller is on hold' },
  inbound_consult_unanswered: { rules: ['R21'], text: 'Agent tries to consult a colleague who does not answer' },
  inbound_transfer_agent: { rules: ['R21'], text: 'Agent transfers the caller to a colleague' },
  inbound_transfer_queue: { rules: ['R21'], text: 'Agent transfers the caller to another queue, answered there' },
  inbound_consult_queue: {
    rules: ['R21'],
    text: 'Agent consults another queue (consult to queue) and hands the caller over',
  },
  inbound_consult_queue_aborted: { rules: ['R21'], text: 'Consult to queue aborted by the agent (queue result c)' },
  inbound_abandoned_queue: { rules: [], text: 'Caller hangs up while waiting in queue (h)' },
  inbound_abort_digit: { rules: [], text: 'Caller leaves the queue with the abort digit (a) for voicemail' },
  inbound_abandoned_menu: { rules: [], text: 'Caller hangs up in the IVR menu' },
  inbound_timeout: { rules: [], text: 'Maximum wait in queue reached (t)' },
  inbound_full: { rules: [], text: 'Queue full (f)' },
  inbound_rejected_no_agents: { rules: [], text: 'No agents logged on in the queue (s)' },
  inbound_closed: { rules: [], text: 'Called outside opening hours: closed message only' },
  callback_answered_first: {
    rules: ['R1', 'R2', 'R3', 'R4'],
    text: 'Callback ordered by phone, answered on attempt 1',
  },
  callback_answered_second: { rules: ['R6'], text: 'Callback answered on attempt 2 (1 unanswered call finished)' },
  callback_answered_third: { rules: ['R2', 'R3'], text: 'Callback answered on attempt 3' },
  callback_unanswered: { rules: ['R3', 'R5'], text: 'Callback: every attempt unanswered (no answer / busy / error)' },
  callback_answering_machine: {
    rules: ['R7'],
    text: 'Callback answered by an answering machine: answered, no further attempt',
  },
  callback_deleted: { rules: ['R8'], text: 'Callback request deleted from the queue (d)' },
  callback_web: { rules: ['R9'], text: 'Callback ordered on the web (initiation + zero-length queue event)' },
  callout_answered: { rules: ['R10', 'R11'], text: 'Callout answered by the called number' },
  callout_unanswered: { rules: ['R11', 'R12'], text: 'Callout not answered (no answer, agent hangs up while ringing)' },
  callout_busy: { rules: ['R11', 'R12'], text: 'Callout: number busy or not in use' },
  callout_consult: {
    rules: ['R10', 'R21'],
    text: 'Callout answered; the agent consults a colleague while the called party holds',
  },
  callout_cancelled: { rules: ['R13'], text: 'Callout cancelled from the outbound tab: extra deleted queue event' },
  agent_to_agent_answered: { rules: ['R14', 'R15'], text: 'Agent calls a colleague who answers' },
  agent_to_agent_unanswered: { rules: ['R14', 'R16'], text: 'Agent calls a colleague who does not answer' },
  dialer_preview_answered: { rules: ['R17'], text: 'Dialer preview: agent first, contact answers' },
  dialer_preview_unanswered: { rules: ['R17'], text: 'Dialer preview: contact does not answer' },
  dialer_predictive_answered: { rules: ['R18'], text: 'Dialer predictive: contact answers, agent connected' },
  dialer_contact_first_unanswered: {
    rules: ['R18'],
    text: 'Dialer contact first (predictive / power / progressive): no answer, busy or error',
  },
  dialer_contact_first_silent: {
    rules: ['R18'],
    text: 'Dialer contact first: contact answers, no agent free: silent-call message',
  },
  dialer_power_answered: { rules: ['R18'], text: 'Dialer power: contact answers, agent connected' },
  dialer_progressive_answered: { rules: ['R18'], text: 'Dialer progressive: contact answers, agent connected' },
  dialer_retry: {
    rules: ['R19'],
    text: 'Dialer: a later attempt to the same contact, a new call_id with the same contact_id',
  },
} as const;

export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];
