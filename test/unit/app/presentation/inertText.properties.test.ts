import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { AccessTokenApiError } from '../../../../src/app/api/accessTokenApi';
import { escapeMarkdown, inertText } from '../../../../src/app/presentation/inertText';
import { checkProperty } from '../../support/properties/propertyRuns';

const SUITE = 'inert text';

/**
 * How VS Code finds links in a notification's message (src/vs/base/common/linkedText.ts, `parseLinkedText`, the same
 * in code-server 4.139's workbench): `[label](target)` whose target starts with https://, http://, command: or file:.
 */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

/** How VS Code finds a theme icon in a label: `$(name)`, unless a backslash escapes it (iconLabels.ts). */
const LABEL_ICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z0-9-]+)?)\)/g;

/** What a hostile server or a setting may send: link, image and icon syntax in pieces and whole. */
const fragment = fc.constantFrom(
	'[',
	']',
	'(',
	')',
	'![',
	'$(',
	'\\',
	'https://e.example/x',
	'http://127.0.0.1/x',
	'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D',
	'file:///etc/passwd',
	'status page',
	' ',
	'"',
	"'",
	'<a href="x">',
	'`',
	'*',
	'|',
	'zap~spin',
	'alert',
);
const hostile = fc.oneof(
	fc.array(fragment, { maxLength: 16 }).map((parts) => parts.join('')),
	fc
		.tuple(fc.string(), fc.string())
		.map(([label, rest]) => `see [${label || 'x'}](command:${rest}) or [h](https://e.example/${rest})`),
	fc.string({ unit: 'binary', maxLength: 60 }),
);

describe('properties: text from outside is inert where it is shown', () => {
	it('notification: VS Code finds no link, and the text reads the same (one invisible space added per “](”)', () => {
		checkProperty(
			SUITE,
			fc.property(hostile, (text) => {
				const shown = inertText(text, 'notification');
				assert.deepEqual([...shown.matchAll(NOTIFICATION_LINK)], [], JSON.stringify(shown));
				assert.equal(shown.replace(/\u200b/g, ''), text.replace(/\u200b/g, ''));
			}),
			3000,
		);
	});

	it('label (status bar, quick pick): every $(…) is escaped, so none is drawn as an icon', () => {
		checkProperty(
			SUITE,
			fc.property(hostile, (text) => {
				const shown = inertText(text, 'label');
				for (const match of shown.matchAll(LABEL_ICON)) {
					assert.equal(match[1], '\\', `an icon would be drawn in ${JSON.stringify(shown)}`);
				}
			}),
			2000,
		);
	});

	it('markdown: every character markdown (or GFM’s autolinks, or theme icons) acts on is escaped', () => {
		checkProperty(
			SUITE,
			fc.property(hostile, (text) => {
				const shown = inertText(text, 'markdown');
				assert.equal(shown, escapeMarkdown(text));
				// Take the escapes away: what is left holds none of the characters markdown acts on.
				const bare = shown.replace(/\\[\s\S]/g, '');
				assert.doesNotMatch(bare, /[\\`*_{}[\]()#+\-.!|<>~$:&]/, JSON.stringify(shown));
			}),
			2000,
		);
	});

	it('the example of the audit: an Authing message with a command link, a web link and an image', () => {
		const message =
			'app disabled, see [status page](command:workbench.action.terminal.sendSequence?%7B%7D) or [help](https://e.example/h) ![x](https://e.example/x.png)';
		assert.deepEqual([...message.matchAll(NOTIFICATION_LINK)].length, 3, 'VS Code would draw three links');
		assert.deepEqual([...inertText(message, 'notification').matchAll(NOTIFICATION_LINK)], []);
	});

	it('the API’s error messages, which a calling extension will show in a notification, hold no link either', () => {
		checkProperty(
			SUITE,
			fc.property(hostile, (text) => {
				const error = new AccessTokenApiError('rejected', `The request was refused: ${text}`);
				assert.deepEqual([...error.message.matchAll(NOTIFICATION_LINK)], [], JSON.stringify(error.message));
			}),
			500,
		);
	});
});
