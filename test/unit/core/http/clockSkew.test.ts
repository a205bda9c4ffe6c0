import * as assert from 'node:assert/strict';
import { serverClockOffsetMs } from '../../../../src/core/http/clockSkew';

describe('clock skew from the Date header', () => {
	const sentAt = Date.UTC(2026, 10, 22, 10, 0, 0, 300);
	const receivedAt = sentAt + 100;

	it('is 0 when the server agrees with us within the header resolution', () => {
		assert.equal(serverClockOffsetMs(new Date(sentAt).toUTCString(), sentAt, receivedAt), 0);
		assert.equal(serverClockOffsetMs(undefined, sentAt, receivedAt), 0);
		assert.equal(serverClockOffsetMs('not a date', sentAt, receivedAt), 0);
	});

	it('measures a server that is minutes ahead or behind', () => {
		const ahead = serverClockOffsetMs(new Date(sentAt + 300_000).toUTCString(), sentAt, receivedAt);
		assert.ok(Math.abs(ahead - 300_000) <= 1000, String(ahead));
		const behind = serverClockOffsetMs(new Date(sentAt - 600_000).toUTCString(), sentAt, receivedAt);
		assert.ok(Math.abs(behind + 600_000) <= 1000, String(behind));
	});
});
