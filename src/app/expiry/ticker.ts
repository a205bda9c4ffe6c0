import type { Disposable } from '../ports/listeners';
import type { Timers } from '../ports/timers';
import { systemTimers } from '../ports/timers';

/**
 * Calls `onTick` when `nextDelayMs` says the display changes next, and again after that, until it says `undefined`:
 * the timer runs only while something counts down. Call `schedule()` again whenever what is counted changes.
 */
export class Ticker implements Disposable {
	private timer: unknown;

	constructor(
		private readonly nextDelayMs: () => number | undefined,
		private readonly onTick: () => void,
		private readonly timers: Timers = systemTimers,
	) {}

	get running(): boolean {
		return this.timer !== undefined;
	}

	schedule(): void {
		this.stop();
		const delay = this.nextDelayMs();
		if (delay === undefined) {
			return;
		}
		this.timer = this.timers.setTimeout(
			() => {
				this.timer = undefined;
				this.onTick();
				this.schedule();
			},
			Math.max(1, delay),
		);
	}

	stop(): void {
		if (this.timer !== undefined) {
			this.timers.clearTimeout(this.timer);
			this.timer = undefined;
		}
	}

	dispose(): void {
		this.stop();
	}
}
