// Says whether the reliability suites run their bounded CI sample or the whole sweep (`npm run test:sweep`).

/** Set by `npm run test:sweep` (sweep-main.ts); anything else runs the bounded sample that `npm test` can afford. */
export const SWEEP_ENV = 'AGENT_RISK_SWEEP';

export function isFullSweep(): boolean {
  return process.env[SWEEP_ENV] === 'full';
}

/** `sample` in `npm test`, `full` under `npm run test:sweep`. */
export function bySweep<T>(sample: T, full: T): T {
  return isFullSweep() ? full : sample;
}
