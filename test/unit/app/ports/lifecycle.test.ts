import * as assert from 'node:assert/strict';
import { DisposableOwner } from '../../../../src/app/ports/lifecycle';

class Owner extends DisposableOwner {
	own(name: string, log: string[]): void {
		this.register({ dispose: () => log.push(name) });
	}
}

describe('DisposableOwner: what a class registers ends with it', () => {
	it('disposes everything registered, last made first, once', () => {
		const log: string[] = [];
		const owner = new Owner();
		owner.own('emitter', log);
		owner.own('timer', log);
		owner.own('subscription', log);
		owner.dispose();
		owner.dispose();
		assert.deepEqual(log, ['subscription', 'timer', 'emitter']);
	});

	it('a thing registered after the end is disposed at once', () => {
		const log: string[] = [];
		const owner = new Owner();
		owner.dispose();
		owner.own('late', log);
		assert.deepEqual(log, ['late']);
	});
});
