import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { SANDBOX_WECHAT_APP } from '../sandbox/fixtures';
import { CALLER_COMMANDS, useCallerExtension } from './support/callerExtension';
import { e2e } from './support/rootHooks';
import { issuedToken, logSandboxRequestsOnFailure } from './support/sandboxTokens';
import { assertNoPlaintextSecrets } from './support/scanProfile';
import { SecretLedger } from './support/secretScan';
import { useSession } from './support/session';
import { eventually, User } from './support/user';

const APP = 'Classic';
const CLASSIC_PATH = '/cgi-bin/token';
const TASK = 'Use the Classic token';
const TASK_OUTPUT = 'classic-task.txt';
/** A task whose `${input:…}` runs the Refresh command with no argument, as tasks.json's `command` inputs do. */
const INPUT_TASK = 'Refresh Classic through an input';
/** The question a call without arguments gets: the palette, a task's command input and executeCommand look alike. */
const UNMARKED_QUESTION =
	/Get a new token for “Classic” from WeChat’s classic endpoint\? The request comes from the Command Palette, a keybinding, a task or another extension: VS Code does not tell them apart\./;
/** What VS Code's modal dialogs add to the extension's one button. */
const CANCEL = 'Cancel';
const CONSEQUENCE = `Every token WeChat’s classic endpoint issues invalidates the token your servers use for AppID ${SANDBOX_WECHAT_APP.appId} within about 5 minutes, and counts against the daily quota.`;

/** A task as the README shows it: the token in its environment through `${command:…}`; it writes a hash, not the token. */
const TASKS_JSON = JSON.stringify(
	{
		version: '2.0.0',
		tasks: [
			{
				label: TASK,
				type: 'shell',
				command: `printf '%s' "$TOKEN" | sha256sum > ${TASK_OUTPUT}`,
				options: { env: { TOKEN: '${command:wechatAccessToken.token}' } },
				problemMatcher: [],
			},
			{
				label: INPUT_TASK,
				type: 'shell',
				command: 'true',
				options: { env: { TOKEN: '${input:token}' } },
				problemMatcher: [],
			},
		],
		inputs: [{ id: 'token', type: 'command', command: 'wechatAccessToken.refreshToken' }],
	},
	null,
	2,
);

/**
 * Issue 11, item 4, as a user meets it in a real VS Code (code-server): a classic app the user allowed, a trusted
 * folder whose tasks.json asks for its token, and another installed extension (the fixture in
 * test/e2e/fixtures/callerExtension) that asks through `executeCommand` and through the API. Whatever the user did not
 * start from the extension's own UI asks in a modal before a new classic token, every time; the user's own second
 * one within 5 minutes asks too; a cached token that is still fresh goes out without a question. The sandbox counts
 * the requests that reached `/cgi-bin/token`.
 */
describe('A classic token is never minted without the user’s say-so', function () {
	const sandbox = () => e2e().sandbox;
	const callerVsix = useCallerExtension();
	const session = useSession(() => ({
		settings: {
			'wechatAccessToken.apps': [
				{ name: APP, appId: SANDBOX_WECHAT_APP.appId, source: 'wechat', host: sandbox().url },
			],
		},
		workspaceFiles: { '.vscode/tasks.json': TASKS_JSON },
		otherExtensions: [callerVsix()],
	}));
	let user: User;
	let ledger: SecretLedger;
	const classicRequests = (): number => sandbox().countRequests(CLASSIC_PATH);
	const classicToken = (): string | undefined => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'classic');
	const taskOutput = (): string => path.join(session().server.workspaceDir, TASK_OUTPUT);

	before(function () {
		sandbox().reset();
		ledger = new SecretLedger(sandbox());
		user = new User(session().wb);
	});
	afterEach(function () {
		logSandboxRequestsOnFailure(this.currentTest, sandbox());
	});
	after(() => {
		sandbox().setTokenLifetimeSeconds(7200);
		ledger.stop();
	});

	/** The modal's text once it shows (message and detail), checked to be the question about a classic token. */
	async function classicQuestion(message: RegExp): Promise<string> {
		const dialog = await user.wb.modalDialog();
		await dialog.locator('.monaco-button', { hasText: 'Get New Token' }).waitFor();
		const text = await dialog.innerText();
		assert.match(text, message);
		assert.ok(text.includes(CONSEQUENCE), `the dialog names the consequence: ${text}`);
		return text;
	}

	/** Runs the task from "Tasks: Run Task", as a user does. */
	/** The task pipes the token it got into `sha256sum`: its output is that token's hash, never the token. */
	async function taskWroteHashOf(token: string): Promise<void> {
		await eventually(
			() => existsSync(taskOutput()) && readFileSync(taskOutput(), 'utf8').includes('-'),
			'the task to write the hash',
		);
		assert.equal(
			readFileSync(taskOutput(), 'utf8').trim(),
			`${createHash('sha256').update(token).digest('hex')}  -`,
		);
	}

	async function runTask(task = TASK): Promise<void> {
		await user.wb.dismissAll();
		await user.wb.runExactCommand('Tasks: Run Task');
		await user.wb.waitForInput(/Select the task to run/i);
		await user.wb.pick(task);
	}

	/** Nothing more reaches /cgi-bin/token for a while after a "no". */
	async function assertNothingSent(before: number, what: string): Promise<void> {
		await user.page.waitForTimeout(1500);
		assert.equal(classicRequests(), before, what);
	}

	it('no opt-in yet: Get from the palette (Cancel on the opt-in) and the API (refused, no modal) leave the same state', async function () {
		// Issue 20: both doors run the same use case, which hands the missing opt-in back as a question: the command asks
		// it, the API refuses. Neither sends anything or stores an opt-in (the next test is asked again).
		await user.setCredentials(APP, [{ field: /WeChat AppSecret for/, value: SANDBOX_WECHAT_APP.appSecret }], {
			pick: false,
		});
		await user.wb.dismissAll();
		await user.getToken();
		const optIn = await user.wb.modalDialog();
		assert.match(await optIn.innerText(), /Use WeChat’s classic token endpoint for “Classic”\?/);
		await user.wb.clickDialogButton(CANCEL);
		await assertNothingSent(0, 'Cancel on the opt-in sent nothing');
		const afterCommand = await user.appsViewText(/Classic/);

		await user.wb.dismissAll();
		await user.mark();
		await user.wb.runCommand(CALLER_COMMANDS.getByApi);
		await user.notificationText('E2E Caller: the API refused with code classic-not-allowed.');
		assert.equal(await user.page.locator('.monaco-dialog-box').count(), 0, 'the API asks nothing');
		await assertNothingSent(0, 'the API sent nothing');
		assert.equal(await user.appsViewText(/Classic/), afterCommand, 'the sidebar shows the same after either door');
	});

	it('the user allows the classic endpoint and gets a token from the palette: no question about the token itself', async function () {
		await user.wb.dismissAll();
		await user.wb.writeClipboard('');
		await user.getToken();
		const optIn = await user.wb.modalDialog();
		assert.match(await optIn.innerText(), /Use WeChat’s classic token endpoint for “Classic”\?/);
		await user.wb.clickDialogButton('Allow for This App');
		const token = await issuedToken(classicToken);
		await user.wb.waitForClipboard(token);
		await user.copiedMessage(APP);
		assert.equal(classicRequests(), 1);
		assert.equal(
			await user.page.locator('.monaco-dialog-box').count(),
			0,
			'the user’s own first Get asks nothing more',
		);
	});

	it('a task using ${command:wechatAccessToken.token} while the cached token is fresh: handed out without a question', async function () {
		const token = classicToken() as string;
		await runTask();
		await taskWroteHashOf(token);
		assert.equal(classicRequests(), 1, 'the cached token, no request');
		assert.equal(await user.page.locator('.monaco-dialog-box').count(), 0);
	});

	it('Refresh from the palette (a call without arguments, like a task’s or another extension’s) asks, and says the last one is recent', async function () {
		await user.wb.dismissAll();
		// From now on tokens live 4 minutes, inside the 5-minute refresh margin: every later use needs a new one.
		sandbox().setTokenLifetimeSeconds(240);
		const before = classicToken();
		await user.refreshToken();
		const text = await classicQuestion(UNMARKED_QUESTION);
		assert.match(
			text,
			/The last one for this AppID was requested less than a minute ago, in this or another window/,
		);
		assert.match(text, /If you did not expect this, choose Cancel: nothing is sent\./);
		await user.wb.clickDialogButton('Get New Token');
		const token = await issuedToken(classicToken, before);
		await user.wb.waitForClipboard(token);
		assert.equal(classicRequests(), 2);
	});

	it('a task that needs a new classic token shows the modal, naming the task; Cancel: no request, and the task does not run', async function () {
		rmSync(taskOutput(), { force: true });
		const before = classicRequests();
		await runTask();
		const text = await classicQuestion(
			/A task or launch configuration asks for a new token for “Classic” from WeChat’s classic endpoint \(through \$\{command:wechatAccessToken\.token\}\)\. Allow it\?/,
		);
		assert.match(text, /If you did not expect this, choose Cancel: nothing is sent\./);
		await user.readmeScreenshot('classic-task-question', ledger.list(), { whileFetching: true });
		await user.wb.clickDialogButton(CANCEL);
		await assertNothingSent(before, 'declining left the sandbox without a new /cgi-bin/token request');
		assert.equal(existsSync(taskOutput()), false, 'VS Code cancelled the task: it never ran');
	});

	it('the same task, answered Get New Token: one new token, and the task gets it', async function () {
		const before = classicToken();
		await runTask();
		await classicQuestion(/A task or launch configuration asks/);
		await user.wb.clickDialogButton('Get New Token');
		const token = await issuedToken(classicToken, before);
		await taskWroteHashOf(token);
		assert.equal(classicRequests(), 3);
	});

	it('a task whose input runs wechatAccessToken.refreshToken without arguments: the modal; Cancel sends nothing, Get New Token one request', async function () {
		const before = classicRequests();
		await runTask(INPUT_TASK);
		await classicQuestion(UNMARKED_QUESTION);
		await user.wb.clickDialogButton(CANCEL);
		await assertNothingSent(before, 'declining left the sandbox without a new /cgi-bin/token request');

		const previous = classicToken();
		await runTask(INPUT_TASK);
		await classicQuestion(UNMARKED_QUESTION);
		await user.wb.clickDialogButton('Get New Token');
		await issuedToken(classicToken, previous);
		assert.equal(classicRequests(), before + 1, 'one request');
	});

	it('another extension runs executeCommand("wechatAccessToken.refreshToken") without arguments: the modal; Cancel sends nothing, Get New Token one request', async function () {
		await user.wb.dismissAll();
		const before = classicRequests();
		await user.mark();
		await user.wb.runCommand(CALLER_COMMANDS.refreshWithoutArguments);
		await classicQuestion(UNMARKED_QUESTION);
		await user.wb.clickDialogButton(CANCEL);
		await user.notificationText('E2E Caller: the refresh without arguments returned.');
		await assertNothingSent(before, 'declining left the sandbox without a new request');

		await user.wb.dismissAll();
		const previous = classicToken();
		await user.mark();
		await user.wb.runCommand(CALLER_COMMANDS.refreshWithoutArguments);
		await classicQuestion(UNMARKED_QUESTION);
		await user.wb.clickDialogButton('Get New Token');
		// The copy and the expiry alert fill the toasts VS Code shows at once: the new token at the sandbox is the proof.
		await issuedToken(classicToken, previous);
		assert.equal(classicRequests(), before + 1, 'one request');
	});

	it('another extension runs executeCommand("wechatAccessToken.refreshToken", "Classic"): the modal names it; Cancel sends nothing', async function () {
		await user.wb.dismissAll();
		const before = classicRequests();
		await user.mark();
		await user.wb.runCommand(CALLER_COMMANDS.refreshByCommand);
		await classicQuestion(
			/A command run by something other than this extension’s own menus and buttons \(another extension, a keybinding\) asks for a new token for “Classic”/,
		);
		await user.wb.clickDialogButton(CANCEL);
		await user.notificationText('E2E Caller: the refresh command returned.');
		await assertNothingSent(before, 'declining left the sandbox without a new request');
	});

	it('another extension through the API, with the cached token inside the refresh margin: asks; no is classic-not-allowed, yes a token', async function () {
		await user.wb.dismissAll();
		const before = classicRequests();
		await user.mark();
		await user.wb.runCommand(CALLER_COMMANDS.getByApi);
		await classicQuestion(
			/Another extension asks for a new token for “Classic” from WeChat’s classic endpoint\. Allow it\?/,
		);
		await user.wb.clickDialogButton(CANCEL);
		await user.notificationText('E2E Caller: the API refused with code classic-not-allowed.');
		await assertNothingSent(before, 'declining left the sandbox without a new request');

		await user.wb.dismissAll();
		const previous = classicToken();
		await user.mark();
		await user.wb.runCommand(CALLER_COMMANDS.getByApi);
		await classicQuestion(/Another extension asks/);
		await user.wb.clickDialogButton('Get New Token');
		const token = await issuedToken(classicToken, previous);
		await user.notificationText(`E2E Caller: the API gave a token of ${token.length} characters.`);
		assert.equal(classicRequests(), before + 1);
	});

	describe('privacy', function () {
		it('leaves no AppSecret or full token in plaintext outside SecretStorage', async function () {
			await assertNoPlaintextSecrets(session(), ledger);
		});
	});
});
