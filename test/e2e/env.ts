// What the global setup started, for the specs.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './serve';

function need(name: string): string {
  const v = process.env[name];
  if (!v)
    throw new Error(
      `${name} is not set: run the e2e tests through playwright.config.ts (its globalSetup starts browser mode)`,
    );
  return v;
}

export const e2e = {
  get url() {
    return need('CALLSCOPE_E2E_URL');
  },
  get origin() {
    return need('CALLSCOPE_E2E_ORIGIN');
  },
  get token() {
    return need('CALLSCOPE_E2E_TOKEN');
  },
};

export const SCENARIO_DIR = join(ROOT, 'resources', 'samples', 'scenarios');

export function scenarioFiles(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => join(SCENARIO_DIR, f));
}

/** Screenshots land here on every run (kept by CI as artefacts). */
export const SHOTS = join(ROOT, 'test-results', 'screenshots');
