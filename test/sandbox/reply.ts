/**
 * An answer as data. Routes and faults build replies; only `delivery.ts` writes them to the socket, which is where
 * delivery faults (drip, truncation, reset) are applied to whatever answer was chosen.
 */
export interface Reply {
	readonly status: number;
	readonly contentType?: string;
	readonly headers?: Readonly<Record<string, string>>;
	/** Text is sent as UTF-8; a Buffer as is (the Mini Program code endpoints' images). */
	readonly body: string | Buffer;
}

/**
 * Which service a path imitates: decides the shape of errors that faults produce there. `team` is the `{code,
 * message}` envelope of a team's own token server.
 */
export type Dialect = 'authing' | 'wechat' | 'team';

export function jsonReply(value: unknown, status = 200, headers?: Record<string, string>): Reply {
	return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(value), headers };
}

/** A binary success, as WeChat's image endpoints send it (their failures are JSON). */
export function pngReply(png: Buffer): Reply {
	return { status: 200, contentType: 'image/png', body: png };
}

export function htmlReply(status: number, html: string, headers?: Record<string, string>): Reply {
	return { status, contentType: 'text/html; charset=utf-8', body: html, headers };
}

/** The error page nginx (in front of both real services) serves for 5xx and 4xx gateway errors. */
export function nginxErrorPage(status: number, reason: string): string {
	return (
		`<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n` +
		`<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
	);
}
