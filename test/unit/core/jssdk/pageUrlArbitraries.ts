import * as fc from 'fast-check';

/**
 * Page addresses as developers meet them: http or https, a host (a domain, localhost, an IP), maybe a port, a path
 * and a query with every character that tempts an encoder (spaces, `&`, `=`, `%`, `+`, non-ASCII, emoji), and a
 * fragment that may itself hold `#`, `?` and `&`. Nothing before the fragment holds a `#`.
 */
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const host = fc.oneof(
	fc.array(label, { minLength: 1, maxLength: 3 }).map((labels) => [...labels, 'com'].join('.')),
	fc.constantFrom('localhost', '127.0.0.1', 'mp.weixin.qq.com', 'www.example.cn', '[::1]'),
);
const port = fc.option(fc.oneof(fc.constantFrom('80', '443', '8080'), fc.integer({ min: 1, max: 65535 }).map(String)), {
	nil: undefined,
});
const character = fc.constantFrom(
	..."aZ09-_.~ &=%+,;@!$'()*:/".split(''),
	'中',
	'文',
	'é',
	'😀',
	'%20',
	'%E4%B8%AD',
	'%2F',
);
const text = (maxLength: number): fc.Arbitrary<string> =>
	fc.array(character, { maxLength }).map((characters) => characters.join(''));
const path = fc.oneof(
	fc.constant(''),
	fc.array(text(6), { maxLength: 4 }).map((segments) => `/${segments.join('/')}`),
);
const query = fc.option(
	fc
		.array(fc.tuple(text(5), text(6)), { maxLength: 4 })
		.map((pairs) => `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}`),
	{ nil: '' },
);
const fragmentCharacter = fc.oneof(character, fc.constantFrom('#', '?', '&', '/', '!'));

/**
 * An address with no fragment, as a page's `location.href.split('#')[0]` or a developer's copy of it can be (a
 * space inside, never at the end: a pasted address is trimmed).
 */
export const pageAddress: fc.Arbitrary<string> = fc
	.tuple(fc.constantFrom('http', 'https'), host, port, path, query)
	.map(
		([scheme, name, portNumber, pathText, queryText]) =>
			`${scheme}://${name}${portNumber === undefined ? '' : `:${portNumber}`}${pathText}${queryText}`,
	)
	.filter((address) => address.trimEnd() === address);

/** A fragment, `#` first: a SPA route (`#/user?id=1`), an anchor, or more `#`s (never a space at its end either). */
export const fragment: fc.Arbitrary<string> = fc
	.array(fragmentCharacter, { maxLength: 12 })
	.map((characters) => `#${characters.join('')}`)
	.filter((hash) => hash.trimEnd() === hash);
