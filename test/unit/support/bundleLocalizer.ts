import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { L10nArg, Localizer } from '../../../src/app/ports/localizer';
import { englishL10n } from './englishL10n';

/**
 * A Localizer over one of the extension's l10n bundles (a path from the repository's root), keyed as VS Code keys it
 * (`message`, or `message/comment`). A message the bundle lacks fails the test that asks for it.
 */
export function bundleLocalizer(file: string): Localizer {
	const bundle = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', file), 'utf8')) as Record<
		string,
		string
	>;
	return {
		t(
			first: string | { message: string; args?: L10nArg[]; comment: string | string[] },
			...rest: L10nArg[]
		): string {
			const message = typeof first === 'string' ? first : first.message;
			const comment = typeof first === 'string' ? [] : [first.comment].flat();
			const key = comment.length === 0 ? message : `${message}/${comment.join('')}`;
			const translated = bundle[key];
			assert.ok(translated !== undefined, `no translation for ${key}`);
			return englishL10n.t({
				message: translated,
				args: typeof first === 'string' ? rest : (first.args ?? []),
				comment: [],
			});
		},
	};
}

/** The Simplified Chinese bundle VS Code loads for `zh-cn`. */
export function chineseL10n(): Localizer {
	return bundleLocalizer('l10n/bundle.l10n.zh-cn.json');
}
