/**
 * The step's time limit (input 'timeout-seconds'). Every AWS call and every client process gets what
 * is left of it, so an endpoint, proxy or client that accepts and never answers (or trickles bytes)
 * cannot hold the job until GitHub's six-hour limit.
 */
export class Deadline {
  readonly at: number

  constructor(readonly seconds: number, now: number = Date.now()) {
    this.at = now + seconds * 1000
  }

  remainingMs(now: number = Date.now()): number {
    return Math.max(0, this.at - now)
  }

  /** A signal that aborts when the limit is reached (its timer does not keep the process alive). */
  signal(): AbortSignal {
    return AbortSignal.timeout(Math.max(1, this.remainingMs()))
  }

  /** For messages: "the step's time limit of 300 s (input 'timeout-seconds')". */
  describe(): string {
    return `the step's time limit of ${this.seconds} s (input 'timeout-seconds')`
  }
}
