import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, hooks } from '../support/extension';

interface ContributedCommand {
	readonly command: string;
	readonly title: string;
	readonly category?: string;
}

function contributedCommand(id: string): ContributedCommand | undefined {
	return (extension().packageJSON as { contributes: { commands: ContributedCommand[] } }).contributes.commands.find(
		(c) => c.command === id,
	);
}

describe('l10n (English)', () => {
	// The host loads an extension's bundle when it activates it.
	before(() => hooks());

	it('runs in English, where messages are the source strings', () => {
		assert.equal(vscode.env.language, 'en');
		assert.equal(vscode.l10n.t('no token yet'), 'no token yet');
		assert.equal(
			vscode.l10n.t({ message: '{0} left', args: ['9m'], comment: ['{0} is a duration such as 1h 59m'] }),
			'9m left',
		);
	});

	it('resolves the manifest titles from package.nls.json', () => {
		assert.deepEqual(
			{
				title: contributedCommand('wechatAccessToken.getToken')?.title,
				category: contributedCommand('wechatAccessToken.getToken')?.category,
			},
			{ title: 'Get WeChat Access Token', category: 'WeChat' },
		);
	});
});
