import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultOf, DeliveryKind } from './faults';
import type { Reply } from './reply';

/**
 * Putting answers on the wire, including the faults that are about the wire: slow, dripping, truncated, reset or
 * endless bodies. Everything that waits takes the exchange's `signal`, which aborts when the client goes away or the
 * sandbox closes, so no timer or stream outlives either.
 */

/** Waits `ms`; false when aborted first. */
export async function delay(ms: number, signal: AbortSignal): Promise<boolean> {
	if (signal.aborted) {
		return false;
	}
	try {
		await sleep(ms, undefined, { signal });
		return true;
	} catch {
		return false;
	}
}

export interface DeliveryOptions {
	/** The time the Date header states, ms: the sandbox clock plus any `server-date` skew. */
	readonly dateMs: number;
	readonly fault?: FaultOf<DeliveryKind>;
	readonly signal: AbortSignal;
}

export async function sendReply(response: ServerResponse, reply: Reply, options: DeliveryOptions): Promise<void> {
	const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
	const headers: Record<string, string | number> = { date: new Date(options.dateMs).toUTCString() };
	if (reply.contentType !== undefined) {
		headers['content-type'] = reply.contentType;
	}
	Object.assign(headers, reply.headers);
	const half = Math.floor(body.length / 2);

	switch (options.fault?.kind) {
		case undefined:
			response.writeHead(reply.status, { ...headers, 'content-length': body.length });
			response.end(body);
			return;
		case 'truncated-json':
			// A complete HTTP message whose JSON stops in the middle: only a JSON parser notices.
			response.writeHead(reply.status, { ...headers, 'content-length': half });
			response.end(body.subarray(0, half));
			return;
		case 'reset-mid-body':
			// Headers promise the whole body, half arrives, then the connection is reset.
			response.writeHead(reply.status, { ...headers, 'content-length': body.length });
			response.write(body.subarray(0, half));
			if (await delay(20, options.signal)) {
				response.socket?.resetAndDestroy();
			}
			return;
		case 'drip':
			response.writeHead(reply.status, { ...headers, 'content-length': body.length });
			response.flushHeaders();
			for (let index = 0; index < body.length; index++) {
				response.write(body.subarray(index, index + 1));
				if (!(await delay(options.fault.intervalMs, options.signal))) {
					return;
				}
			}
			response.end();
			return;
	}
}

/**
 * A JSON-looking 200 answer of exactly `bytes` bytes, chunked (no Content-Length, so the client has to enforce its
 * size limit while reading), written as fast as the client reads and abandoned as soon as it stops.
 */
export async function streamHugeBody(
	response: ServerResponse,
	bytes: number,
	dateMs: number,
	signal: AbortSignal,
): Promise<void> {
	response.writeHead(200, {
		date: new Date(dateMs).toUTCString(),
		'content-type': 'application/json; charset=utf-8',
	});
	const head = Buffer.from('{"statusCode":200,"message":"","data":{"accessToken":"');
	const tail = Buffer.from('"}}');
	const filler = Buffer.alloc(64 * 1024, 'A');
	let left = bytes;
	const write = async (chunk: Buffer): Promise<boolean> => {
		const piece = chunk.subarray(0, Math.max(0, Math.min(chunk.length, left)));
		left -= piece.length;
		if (piece.length === 0 || response.write(piece)) {
			return !signal.aborted;
		}
		return drained(response, signal);
	};

	if (!(await write(head))) {
		return;
	}
	while (left > tail.length) {
		if (!(await write(filler.subarray(0, left - tail.length)))) {
			return;
		}
	}
	if (await write(tail)) {
		response.end();
	}
}

function drained(response: ServerResponse, signal: AbortSignal): Promise<boolean> {
	if (signal.aborted) {
		return Promise.resolve(false);
	}
	return new Promise((resolve) => {
		const finish = (ok: boolean): void => {
			response.off('drain', onDrain);
			signal.removeEventListener('abort', onAbort);
			resolve(ok);
		};
		const onDrain = (): void => finish(true);
		const onAbort = (): void => finish(false);
		response.on('drain', onDrain);
		signal.addEventListener('abort', onAbort);
	});
}
