/**
 * How far the server's clock is ahead of ours, read from the response's `Date` header. Authing's `expiresAt` is an
 * instant on the server's clock; on a machine whose clock is off, the countdown would be off by as much.
 * The header has one-second resolution and is written somewhere between our send and receive, so offsets within
 * that uncertainty are noise and count as 0.
 */
export function serverClockOffsetMs(dateHeader: string | undefined, sentAt: number, receivedAt: number): number {
	if (!dateHeader) {
		return 0;
	}
	const serverTime = Date.parse(dateHeader);
	if (Number.isNaN(serverTime)) {
		return 0;
	}
	const midpoint = (sentAt + receivedAt) / 2;
	// The header truncates to whole seconds: its true instant lies in [serverTime, serverTime + 1000).
	const offset = serverTime + 500 - midpoint;
	const uncertainty = 1000 + (receivedAt - sentAt) / 2;
	return Math.abs(offset) <= uncertainty ? 0 : Math.round(offset);
}
