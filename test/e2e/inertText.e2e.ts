import * as assert from 'node:assert/strict';
import { SANDBOX_AUTHING, SANDBOX_TEAM, SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../sandbox/fixtures';
import { teamWechatStyleSettings } from '../sandbox/teamSettings';
import { MARKER_RAN, useCallerExtension } from './support/callerExtension';
import { e2e } from './support/rootHooks';
import { logSandboxRequestsOnFailure } from './support/sandboxTokens';
import { useSession } from './support/session';
import { User } from './support/user';

const CUSTOM_APP = 'Team Server';
const AUTHING_APP = 'Authing App';
const MARKER_PATH = '/marker-link';

/**
 * Issue 19, item 1, as the audit reproduced it: a team's token server and an Authing tenant answer with a message
 * that holds a `command:` link, a web link and an image (and Authing's request ID is a link too). VS Code draws
 * `[label](command:…)` in a notification as a link that runs the command. The extension's error toast must show the
 * words as text: no `<a>` in it, and a click where each label is runs nothing: the fixture extension's marker command
 * (the `command:` target) says nothing, and the sandbox sees no request for the web link's target.
 */
describe('Text from a server is shown as text: no link in an error toast runs anything', function () {
	const sandbox = () => e2e().sandbox;
	const callerVsix = useCallerExtension();
	const session = useSession(() => ({
		settings: {
			'wechatAccessToken.apps': [
				{
					name: CUSTOM_APP,
					appId: SANDBOX_WECHAT_APP.appId,
					source: 'custom',
					custom: teamWechatStyleSettings(sandbox().url),
				},
				{
					name: AUTHING_APP,
					appId: SANDBOX_WECHAT_APP_2.appId,
					source: 'authing',
					host: sandbox().url,
					authingAppId: SANDBOX_AUTHING.authingAppId,
				},
			],
		},
		otherExtensions: [callerVsix()],
	}));
	let user: User;

	/** A server's words as the audit wrote them: a command link to the marker, a web link to the sandbox, an image. */
	const hostileMessage = () =>
		`app disabled, see [status page](command:e2eTokenCaller.marker) or [help](${sandbox().url}${MARKER_PATH}) ![x](${sandbox().url}${MARKER_PATH}.png)`;

	before(function () {
		sandbox().reset();
		user = new User(session().wb);
	});
	afterEach(function () {
		logSandboxRequestsOnFailure(this.currentTest, sandbox());
		sandbox().clearFaults();
	});

	/**
	 * The error toast that holds `text`: the words are there as text (the invisible space that breaks VS Code's link
	 * pattern aside), its message has no link, and a click on each of `labels` runs nothing.
	 */
	async function assertInert(text: RegExp, words: string, labels: readonly string[]): Promise<void> {
		const { wb } = session();
		const shown = await user.notificationText(text);
		assert.ok(shown.replace(/\u200b/g, '').includes(words), `the toast shows the server's words: ${shown}`);
		const message = wb.notification(text).locator('.notification-list-item-message').first();
		assert.equal(await message.locator('a').count(), 0, 'no link in the message');
		for (const label of labels) {
			const box = await message.evaluate((element, word) => {
				const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
				for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
					const at = (node.textContent ?? '').indexOf(word);
					if (at >= 0) {
						const range = document.createRange();
						range.setStart(node, at);
						range.setEnd(node, at + word.length);
						const rect = range.getBoundingClientRect();
						return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
					}
				}
				return undefined;
			}, label);
			assert.ok(box, `the label “${label}” is on screen`);
			await wb.page.mouse.click(box.x, box.y);
		}
		// Whatever a click could have started has had time to show.
		await wb.page.waitForTimeout(1500);
		assert.deepEqual(
			(await wb.toastHistory()).filter((toast) => toast.text.includes(MARKER_RAN)),
			[],
			'the marker command never ran',
		);
		assert.equal(
			sandbox().requests.filter((request) => request.path.startsWith(MARKER_PATH)).length,
			0,
			'nothing opened the web link or loaded the image',
		);
		assert.equal(wb.page.context().pages().length, 1, 'no page was opened');
	}

	it('custom: the team server refuses with a message holding a command link, a web link and an image', async function () {
		await user.setCredentials(CUSTOM_APP, [{ field: /X-Team-Key/, value: SANDBOX_TEAM.wechatStyleKey }]);
		await user.wb.dismissAll();
		sandbox().addFault({
			kind: 'http-error',
			status: 400,
			body: JSON.stringify({ message: hostileMessage() }),
			path: '/team/wechat/token',
			times: 1,
		});
		await user.getToken(CUSTOM_APP);
		await assertInert(/The request was refused: app disabled/, hostileMessage(), ['status page', 'help']);
	});

	it('authing: Authing refuses with the same message, and a request ID that is a link too', async function () {
		await user.setCredentials(AUTHING_APP, [
			{ field: /WeChat AppSecret for/, value: SANDBOX_WECHAT_APP_2.appSecret },
			{ field: /Authing user access token \(optional\) for/, value: '' },
		]);
		await user.wb.dismissAll();
		sandbox().addFault({
			kind: 'authing-status',
			statusCode: 400,
			message: hostileMessage(),
			requestId: '[req](command:e2eTokenCaller.marker)',
			path: '/api/v3/get-wechat-access-token-info',
			times: 1,
		});
		await user.getToken(AUTHING_APP);
		await assertInert(/app disabled, see/, hostileMessage(), ['status page', 'help', 'req']);
	});
});
