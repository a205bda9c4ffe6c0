import { checkTokenCommand } from './checkToken';
import { explainRidCommand } from './explainRid';
import { diagnoseJsSdkSignatureCommand } from './diagnoseJsSdkSignature';
import { getJsapiTicketCommand } from './getJsapiTicket';
import { jsapiTicketCommand } from './jsapiTicket';
import { signJsSdkPageCommand } from './signJsSdkPage';
import { newApiRequestCommand } from './newApiRequest';
import { openWalkthroughCommand } from './openWalkthrough';
import { resetApiQuotaCommand } from './resetApiQuota';
import { saveApiAnswerCommand } from './saveApiAnswer';
import { sendApiRequestCommand } from './sendApiRequest';
import { showQuotaCommand } from './showQuota';
import { addAppCommand } from './addApp';
import type { CommandKey } from '../commandIds';
import { COMMANDS } from '../commandIds';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { copyTokenCommand } from './copyToken';
import { copyTokenAsCommand } from './copyTokenAs';
import { pinActiveAppCommand } from './pinActiveApp';
import { getTokenCommand } from './getToken';
import { hideTokenCommand } from './hideToken';
import { insertTokenCommand } from './insertToken';
import { openSettingsCommand } from './openSettings';
import { refreshTokenCommand } from './refreshToken';
import { removeAppCommand } from './removeApp';
import { revealTokenCommand } from './revealToken';
import type { RegisteredCommand } from '../flows/runCommand';
import { wrapCommand } from '../flows/runCommand';
import { setCredentialsCommand } from './setCredentials';
import { showLogCommand } from './showLog';
import { tokenCommand } from './tokenCommand';

/**
 * Every command of the table by id, behind the shared wrapper; the type makes a command without a handler a compile
 * error. VS Code knows the ids from activation (src/extension.ts), which forwards each call here.
 */
export function commandHandlers(services: CommandServices): ReadonlyMap<string, RegisteredCommand> {
	const handlers: { readonly [K in CommandKey]: (services: CommandServices) => CommandHandler } = {
		getToken: getTokenCommand,
		refreshToken: refreshTokenCommand,
		addApp: addAppCommand,
		setCredentials: setCredentialsCommand,
		removeApp: removeAppCommand,
		copyToken: copyTokenCommand,
		copyTokenAs: copyTokenAsCommand,
		insertToken: insertTokenCommand,
		token: tokenCommand,
		focusStatusBar: pinActiveAppCommand,
		revealToken: revealTokenCommand,
		hideToken: hideTokenCommand,
		openSettings: openSettingsCommand,
		showLog: showLogCommand,
		checkToken: checkTokenCommand,
		showQuota: showQuotaCommand,
		explainRid: explainRidCommand,
		getJsapiTicket: getJsapiTicketCommand,
		jsapiTicket: jsapiTicketCommand,
		signJsSdkPage: signJsSdkPageCommand,
		diagnoseJsSdkSignature: diagnoseJsSdkSignatureCommand,
		sendApiRequest: sendApiRequestCommand,
		newApiRequest: newApiRequestCommand,
		resetApiQuota: resetApiQuotaCommand,
		saveApiAnswer: saveApiAnswerCommand,
		openWalkthrough: openWalkthroughCommand,
	};
	return new Map(COMMANDS.map(({ key, id }) => [id, wrapCommand(id, handlers[key](services), services)]));
}
