import * as vscode from 'vscode';
import type { WechatApp } from '../../app/config/appConfig';
import type { SecretField } from '../../app/config/secretFields';
import { secretDestination } from '../../app/credentials/secretDestination';
import { secretFieldsOf } from '../../app/config/secretFields';
import { interpretSecretInput, REMOVE_SECRET_INPUT } from '../../app/credentials/secretInput';
import { secretFieldLabel, sourceLabel } from '../../app/presentation/sourceLabels';
import type { CommandServices } from './commandServices';
import { showWarningMessage } from '../notifications';

/**
 * Asks for the app's secrets, one password box per secret its source uses, and stores them bound to the app's
 * identity. When secrets exist for the same AppID at another host (or, for a custom app, another URL), offers them
 * first — sent to the new address only after a modal that names it. Resolves `true` once the secrets are stored (at
 * once for an app that needs none); `false` if the user backed out (then nothing is stored). Callers say what happened.
 */
export async function enterCredentials(services: CommandServices, app: WechatApp): Promise<boolean> {
	const { credentials } = services;
	const l10n = vscode.l10n;
	const specs = secretFieldsOf(app);
	if (specs.length === 0) {
		return true;
	}
	const destination = secretDestination(app);

	const reusable = await credentials.findReusable(app);
	if (reusable !== undefined) {
		const reuse = l10n.t({
			message: 'Use Them for {0}',
			args: [app.host],
			comment: ['a button; {0} is a server address'],
		});
		const enterNew = l10n.t('Enter New Ones');
		const choice = await showWarningMessage(
			l10n.t({
				message: 'Secrets for AppID {0} were saved for {1} at {2}. Send them to {3} at {4}?',
				args: [
					app.appId,
					sourceLabel(reusable.source, l10n),
					reusable.destination,
					sourceLabel(app.source, l10n),
					destination,
				],
				comment: [
					'{0} is a WeChat AppID; {1} and {3} name token sources, e.g. WeChat stable token; {2} and {4} are server addresses',
				],
			}),
			{
				modal: true,
				detail: l10n.t({
					message:
						'The settings of “{0}” now point to {1}. Saved secrets are only sent where they were entered for; confirm only if you trust {1}.',
					args: [app.name, destination],
					comment: ['{0} is the app name, {1} a server address'],
				}),
			},
			reuse,
			enterNew,
		);
		if (choice === undefined) {
			return false;
		}
		if (choice === reuse) {
			const configured = new Set(services.service.getApps().map((other) => other.identity));
			await credentials.reuse(reusable, app, configured);
			await services.service.reload([app]);
			services.log.info(
				`Reused the secrets saved for ${reusable.destination} with "${app.name}" at ${destination}, as the user confirmed.`,
			);
			return true;
		}
	}

	const saved = await credentials.read(app);
	const values: { [K in SecretField]?: string | null } = {};
	for (const [index, spec] of specs.entries()) {
		const hasSaved = saved[spec.field] !== undefined;
		const label = secretFieldLabel(spec, l10n);
		const input = await vscode.window.showInputBox({
			title: l10n.t({
				message: 'Credentials of “{0}” ({1}/{2})',
				args: [app.name, index + 1, specs.length],
				comment: ['{0} is the app name; {1}/{2} is the step, e.g. 1/2'],
			}),
			prompt: l10n.t({
				message: '{0} for “{1}” (AppID {2}). Kept in your system keyring and sent only to {3}.',
				args: [label, app.name, app.appId, destination],
				comment: ['{0} names the secret, e.g. WeChat AppSecret; {1} is the app name; {3} a server address'],
			}),
			placeHolder: hasSaved
				? spec.required
					? l10n.t('Leave empty to keep the saved one')
					: l10n.t({
							message: 'Leave empty to keep the saved one, or enter {0} to remove it',
							args: [REMOVE_SECRET_INPUT],
							comment: ['{0} is a single character to type'],
						})
				: spec.required
					? label
					: l10n.t('Leave empty if not needed'),
			password: true,
			ignoreFocusOut: true,
			validateInput: (value) => {
				const result = interpretSecretInput(spec, value, hasSaved, l10n);
				return result.kind === 'invalid' ? result.message : undefined;
			},
		});
		if (input === undefined) {
			return false;
		}
		const result = interpretSecretInput(spec, input, hasSaved, l10n);
		if (result.kind === 'set') {
			values[spec.field] = result.value;
		} else if (result.kind === 'remove') {
			values[spec.field] = null;
		}
	}
	await credentials.write(app, values);
	await services.service.reload([app]);
	services.log.info(
		`Saved the credentials of "${app.name}" (${Object.keys(values).join(', ') || 'unchanged'}) for ${app.host}.`,
	);
	return true;
}
