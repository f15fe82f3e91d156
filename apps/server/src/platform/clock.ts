import { shanghaiDate } from '@xc/domain';

/**
 * Time comes from an injected clock so that lockouts, session timeouts and deadlines can be tested
 * without waiting.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move by hand. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-03-02T09:00:00+08:00') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(d: Date | string): void {
    this.t = new Date(d).getTime();
  }
}

export { shanghaiDate };

/** Today in the office's calendar (Asia/Shanghai), by the injected clock. */
export function today(clock: Clock): string {
  return shanghaiDate(clock.now());
}
