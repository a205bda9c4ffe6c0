import type { JsonSyntaxErrorKind } from '../../core/wechatHttp/jsonSyntax';
import type { RequestProblem } from '../../core/wechatHttp/requestFile';
import type { Localizer } from '../ports/localizer';

/** What a problem in a `.wechat.http` file means, for its squiggle in the editor. */
export function requestProblemText(problem: RequestProblem, l10n: Localizer): string {
	switch (problem.code) {
		case 'unknown-method':
			return l10n.t('WeChat’s APIs are called with GET or POST.');
		case 'bad-target':
			return l10n.t(
				'Write a path on the app’s WeChat API host (/cgi-bin/…), or a full https:// URL on that host, without user info or #.',
			);
		case 'header-syntax':
			return l10n.t('A header is written “Name: value”; leave a blank line before the body.');
		case 'body-not-json':
			return l10n.t({
				message: 'The body is not JSON ({0}): WeChat’s APIs take JSON only.',
				args: [jsonErrorText(problem.jsonError, l10n)],
				comment: ['{0} says what is wrong, such as "a comma too many"'],
			});
		case 'get-with-body':
			return l10n.t('A GET request has no body: WeChat ignores it. Use POST, or move the values into the query.');
		case 'access-token-in-file':
			return l10n.t(
				'An access token is written into the file: it would end up in the repository. The extension adds the token when it sends the request; remove it.',
			);
	}
}

function jsonErrorText(kind: JsonSyntaxErrorKind | undefined, l10n: Localizer): string {
	switch (kind) {
		case 'unexpected-end':
			return l10n.t('it ends too soon');
		case 'bad-escape':
			return l10n.t('an invalid \\ escape');
		case 'control-character':
			return l10n.t('a line break or tab inside a string');
		case 'bad-number':
			return l10n.t('an invalid number');
		case 'trailing-text':
			return l10n.t('text after the value');
		case 'unexpected-character':
		case undefined:
			return l10n.t('a character JSON does not allow here: a trailing comma, a single quote or a comment');
	}
}
