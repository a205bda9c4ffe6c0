import type { IncomingMessage } from 'node:http';

/** Token requests are tiny; anything bigger is a client bug, answered 413 instead of buffered. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

export class RequestTooLarge extends Error {}

/** Reads the whole request body as UTF-8. Rejects when the client goes away or sends too much. */
export function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_REQUEST_BYTES) {
				request.removeAllListeners('data');
				request.resume();
				reject(new RequestTooLarge());
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
		request.on('close', () => {
			if (!request.complete) {
				reject(new Error('client went away while sending the body'));
			}
		});
	});
}

/** The parsed JSON body; the raw text when it is not JSON (a form, say); undefined when empty. */
export function parseBody(raw: string): unknown {
	if (raw === '') {
		return undefined;
	}
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return raw;
	}
}

export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}
