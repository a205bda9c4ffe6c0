/**
 * Writes l10n/bundle.l10n.json from the `l10n.t` calls in src/ (what `@vscode/l10n-dev export` would write), and lists
 * the keys the Chinese bundle lacks. `npm run l10n`; test/unit/project/manifest.test.ts fails when either is out of date.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { englishBundle, findL10nCalls } from './l10nSource';

const root = path.resolve(__dirname, '..');
const unsorted = englishBundle(findL10nCalls(path.join(root, 'src')));
// Sorted by key, as the committed bundle is, so a regenerated file only differs where messages did.
const english = Object.fromEntries(Object.entries(unsorted).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
fs.writeFileSync(path.join(root, 'l10n/bundle.l10n.json'), `${JSON.stringify(english, null, 2)}\n`);
const chinese = JSON.parse(fs.readFileSync(path.join(root, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<
	string,
	unknown
>;
const missing = Object.keys(english).filter((key) => !(key in chinese));
const unused = Object.keys(chinese).filter((key) => !(key in english));
console.log(`bundle.l10n.json: ${Object.keys(english).length} messages.`);
for (const key of missing) {
	console.log(`missing in bundle.l10n.zh-cn.json: ${JSON.stringify(key)}`);
}
for (const key of unused) {
	console.log(`unused in bundle.l10n.zh-cn.json: ${JSON.stringify(key)}`);
}
