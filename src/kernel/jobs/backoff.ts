/** How long to wait before retrying a job. */
export interface Backoff {
  /** Delay before the first retry (ms). Default 5 s. */
  baseMs?: number;
  /** Upper bound of any delay (ms). Default 1 h. */
  maxMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
}

/**
 * The delay after failed attempt number `attempt` (1 = the first run failed): exponential growth
 * `base × factor^(attempt−1)` capped at `maxMs`, with "equal jitter" — a uniformly random value between
 * half and all of it — so that jobs failing together (a provider outage) do not retry in lock-step.
 */
export function backoffDelay(attempt: number, b: Backoff = {}, random: () => number = Math.random): number {
  const base = b.baseMs ?? 5_000;
  const max = b.maxMs ?? 3_600_000;
  const factor = b.factor ?? 2;
  const exp = Math.min(max, base * Math.pow(factor, Math.max(0, attempt - 1)));
  return Math.round(exp / 2 + random() * (exp / 2));
}
