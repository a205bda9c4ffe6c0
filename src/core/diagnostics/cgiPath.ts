/**
 * An API path as the quota endpoint wants it: the path alone, with its leading `/` (`/cgi-bin/message/custom/send`),
 * no host, query or fragment. Checked as the user types it, so WeChat's 76003 never has to say it.
 */
export type CgiPathProblem = 'empty' | 'has-host' | 'no-leading-slash' | 'has-query' | 'bad-characters' | 'too-long';

const MAX_LENGTH = 200;

export function cgiPathProblem(text: string): CgiPathProblem | undefined {
	const path = text.trim();
	if (path === '') {
		return 'empty';
	}
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith('//') || /^[\w-]+(\.[\w-]+)+\//.test(path)) {
		return 'has-host';
	}
	if (!path.startsWith('/')) {
		return 'no-leading-slash';
	}
	if (/[?#]/.test(path)) {
		return 'has-query';
	}
	if (!/^(\/[A-Za-z0-9_.-]+)+\/?$/.test(path)) {
		return 'bad-characters';
	}
	return path.length > MAX_LENGTH ? 'too-long' : undefined;
}
