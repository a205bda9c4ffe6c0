import * as assert from 'node:assert/strict';
import { SANDBOX_WECHAT_APP } from '../sandbox/fixtures';
import { e2e } from './support/rootHooks';
import { issuedToken, logSandboxRequestsOnFailure } from './support/sandboxTokens';
import { useSession } from './support/session';
import { User } from './support/user';

const STABLE_PATH = '/cgi-bin/stable_token';

/**
 * Issue 11, item 5: a forced stable refresh whose answer is lost is not sent again (WeChat may already have rotated
 * every server's token); the message says so, and its button is a normal Get that brings the token in force.
 */
describe('A forced stable refresh whose answer is lost', function () {
	const sandbox = () => e2e().sandbox;
	const session = useSession(() => ({
		settings: {
			'wechatAccessToken.apps': [
				{ name: 'Stable App', appId: SANDBOX_WECHAT_APP.appId, source: 'wechat-stable', host: sandbox().url },
			],
		},
	}));
	let user: User;

	/** `force_refresh: true` requests the sandbox received. */
	const forces = (): number =>
		sandbox().requests.filter(
			(request) =>
				request.path === STABLE_PATH &&
				(request.body as { force_refresh?: unknown } | undefined)?.force_refresh === true,
		).length;

	before(function () {
		sandbox().reset();
		user = new User(session().wb);
	});
	afterEach(function () {
		logSandboxRequestsOnFailure(this.currentTest, sandbox());
		sandbox().clearFaults();
	});

	it('is sent once; the message offers "Get Current Token", which copies the token WeChat issued without forcing', async function () {
		await user.setCredentials(
			'Stable App',
			[{ field: /WeChat AppSecret for/, value: SANDBOX_WECHAT_APP.appSecret }],
			{ pick: false },
		);
		await user.getToken();
		const held = await issuedToken(() => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable'));
		await user.wb.waitForClipboard(held);
		await user.wb.dismissAll();

		// WeChat rotates the token, then the connection is cut halfway through its answer.
		sandbox().addFault({ kind: 'reset-mid-body', times: 1, path: STABLE_PATH });
		await user.refreshToken();
		await user.wb.modalDialog();
		await user.wb.clickDialogButton('Force New Token');
		const message = await user.notificationText(/The answer to the forced refresh was lost/);
		assert.equal(
			message,
			'“Stable App”: The answer to the forced refresh was lost. WeChat may have issued a new token: Get fetches the current one.',
		);
		assert.equal(forces(), 1, 'the force reached WeChat once');
		assert.equal(sandbox().isTokenValid(held), false, 'WeChat did rotate the token');
		await user.appState('Stable App', /^forced refresh unconfirmed$/);
		const toast = user.wb.notification(/The answer to the forced refresh was lost/);
		assert.equal(
			await toast.locator('.monaco-button', { hasText: 'Retry' }).count(),
			0,
			'no Retry: it would force again',
		);

		await user.wb.writeClipboard('');
		await user.mark();
		await user.wb.clickNotificationButton(/The answer to the forced refresh was lost/, 'Get Current Token');
		const current = sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable') as string;
		assert.notEqual(current, held);
		await user.wb.waitForClipboard(current);
		await user.copiedMessage('Stable App');
		assert.equal(forces(), 1, 'Get did not force');
		await user.appState('Stable App', /^(1h 59m|2h 0m) left$/);
	});
});
