// The simulated contact centre: its queues, menus, numbers, call mix and
// behaviour parameters. Everything the model draws is parameterised here, so
// tests can check distributions against these figures (docs/simulator.md).

export interface QueueConfig {
  key: string;
  description: string;
  /** Access number callers dial (country-code digits, no '+': how the platform stores numbers). */
  accessNumber: string;
  /** Caller number country: dk, se, no. */
  country: 'dk' | 'se' | 'no';
  /** Share of inbound calls. */
  weight: number;
  /** Median talk time (s) and log-normal sigma. */
  talkMedian: number;
  talkSigma: number;
  /** A short message to caller and agent when the agent answers (R20). */
  welcomeToAgent: boolean;
  /** Offers callback in queue when the expected wait is long. */
  offersCallback: boolean;
  /** Callers waiting at most; beyond, result f. */
  maxWaiting: number;
  /** Max time in queue (s); beyond, result t. */
  maxWaitSec: number;
}

export interface CampaignConfig {
  key: string;
  description: string;
  campaignId: string;
  mode: 'preview' | 'predictive' | 'power' | 'progressive';
  weight: number;
}

export interface SimConfig {
  seed: number;
  calls: number;
  days: number;
  timeZone: string;
  /** First local day, YYYY-MM-DD (a Monday reads best). */
  startDate: string;
  customerKey: string;
  queues: QueueConfig[];
  calloutQueues: { key: string; description: string }[];
  campaigns: CampaignConfig[];
  /** Shares of new contacts by kind (dialer retries come on top). */
  mix: { inbound: number; webCallback: number; callout: number; agentToAgent: number; dialer: number };
  /** Opening hours, local, per ISO weekday 1..7: [open, close] in hours, or null = closed. */
  openingHours: ([number, number] | null)[];
  /** Relative arrival weight per local hour 0..23 (weekdays) and per ISO weekday. */
  hourWeights: number[];
  weekdayWeights: number[];
  callback: {
    maxAttempts: number;
    retryMinutes: [number, number];
    offerAfterSec: number;
    acceptShare: number;
    deleteShare: number;
  };
  /** Outcome shares of the call to a callback / callout customer. */
  customerAnswer: { person: number; machine: number; noAnswer: number; busy: number; error: number };
  dialer: {
    maxAttempts: number;
    retryHours: [number, number];
    answerShare: number;
    busyShare: number;
    errorShare: number;
    overdialSilentShare: number;
  };
  agents: {
    count: number;
    consultShare: number;
    transferShare: number;
    transferQueueShare: number;
    consultQueueShare: number;
    noAnswerShare: number;
    registrationShare: number;
  };
  patience: { median: number; sigma: number };
  /** Days with an incident (e.g. a network outage): a surge of calls to the support queue. */
  incidents: { dayShare: number; supportQueue: number; surge: number };
  /** Staff per Erlang of peak load (all shifts together). */
  staffingFactor: number;
  menuHangupShare: number;
}

export const DEFAULT_CONFIG: SimConfig = {
  seed: 1,
  calls: 10_000,
  days: 7,
  timeZone: 'Europe/Copenhagen',
  startDate: '2026-01-05',
  customerKey: '10042',
  queues: [
    {
      key: 'Q_Kundeservice',
      description: 'Kundeservice',
      accessNumber: '4570102030',
      country: 'dk',
      weight: 40,
      talkMedian: 190,
      talkSigma: 0.6,
      welcomeToAgent: false,
      offersCallback: true,
      maxWaiting: 25,
      maxWaitSec: 900,
    },
    {
      key: 'Q_Teknisk_Support',
      description: 'Teknisk support',
      accessNumber: '4570102030',
      country: 'dk',
      weight: 22,
      talkMedian: 330,
      talkSigma: 0.65,
      welcomeToAgent: false,
      offersCallback: true,
      maxWaiting: 5,
      maxWaitSec: 600,
    },
    {
      key: 'Q_Faktura',
      description: 'Faktura og betaling',
      accessNumber: '4570102030',
      country: 'dk',
      weight: 14,
      talkMedian: 150,
      talkSigma: 0.55,
      welcomeToAgent: false,
      offersCallback: true,
      maxWaiting: 6,
      maxWaitSec: 420,
    },
    {
      key: 'Q_Erhverv',
      description: 'Erhvervskunder',
      accessNumber: '4570102040',
      country: 'dk',
      weight: 10,
      talkMedian: 260,
      talkSigma: 0.6,
      welcomeToAgent: true,
      offersCallback: false,
      maxWaiting: 8,
      maxWaitSec: 600,
    },
    {
      key: 'Q_Kundtjanst_SE',
      description: 'Kundtjänst Sverige',
      accessNumber: '46771123450',
      country: 'se',
      weight: 8,
      talkMedian: 200,
      talkSigma: 0.6,
      welcomeToAgent: true,
      offersCallback: true,
      maxWaiting: 4,
      maxWaitSec: 480,
    },
    {
      key: 'Q_Kundeservice_NO',
      description: 'Kundeservice Norge',
      accessNumber: '4781512345',
      country: 'no',
      weight: 6,
      talkMedian: 200,
      talkSigma: 0.6,
      welcomeToAgent: false,
      offersCallback: false,
      maxWaiting: 3,
      maxWaitSec: 300,
    },
  ],
  calloutQueues: [
    { key: '__Callout_Kundeservice', description: 'Udgående opkald (Callout)' },
    { key: '__Callout_Erhverv', description: 'Outbound – Erhverv' },
  ],
  campaigns: [
    {
      key: '__Dial_Fornyelse',
      description: 'Dialer: Fornyelse af abonnement (preview)',
      campaignId: '3101',
      mode: 'preview',
      weight: 25,
    },
    {
      key: '__Dial_Winback',
      description: 'Dialer: Win-back (predictive)',
      campaignId: '3102',
      mode: 'predictive',
      weight: 35,
    },
    {
      key: '__Dial_Tilfredshed',
      description: 'Dialer: Tilfredshedsmåling (power)',
      campaignId: '3103',
      mode: 'power',
      weight: 20,
    },
    {
      key: '__Dial_Betaling',
      description: 'Dialer: Betalingspåmindelse (progressive)',
      campaignId: '3104',
      mode: 'progressive',
      weight: 20,
    },
  ],
  mix: { inbound: 80, webCallback: 3, callout: 7, agentToAgent: 3, dialer: 5 },
  // Mon–Fri 08–20, Sat 10–15, Sun closed.
  openingHours: [[8, 20], [8, 20], [8, 20], [8, 20], [8, 20], [10, 15], null],
  hourWeights: [
    0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 7, 10, 10.5, 9.5, 8, 8.5, 8.5, 7.5, 6, 4, 3, 2.5, 1.5, 0.8, 0.5, 0.3,
  ],
  weekdayWeights: [1.25, 1.1, 1.0, 1.0, 0.9, 0.3, 0.12],
  callback: { maxAttempts: 3, retryMinutes: [10, 30], offerAfterSec: 90, acceptShare: 0.3, deleteShare: 0.08 },
  customerAnswer: { person: 63, machine: 7, noAnswer: 20, busy: 8, error: 2 },
  dialer: {
    maxAttempts: 3,
    retryHours: [2, 5],
    answerShare: 0.5,
    busyShare: 0.12,
    errorShare: 0.03,
    overdialSilentShare: 0.04,
  },
  agents: {
    count: 0,
    consultShare: 0.07,
    transferShare: 0.04,
    transferQueueShare: 0.025,
    consultQueueShare: 0.02,
    noAnswerShare: 0.03,
    registrationShare: 0.45,
  },
  patience: { median: 150, sigma: 1.0 },
  incidents: { dayShare: 0.3, supportQueue: 1, surge: 1.5 },
  staffingFactor: 1.9,
  menuHangupShare: 0.03,
};

/** Calls per day when --days is not given: a mid-size centre. */
export const DEFAULT_CALLS_PER_DAY = 3000;

export function defaultDays(calls: number): number {
  return Math.min(366, Math.max(1, Math.ceil(calls / DEFAULT_CALLS_PER_DAY)));
}
