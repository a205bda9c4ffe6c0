import type { JsapiTicketInfo, JsSdkPageSignature, WechatAccessTokenApi } from '../../api/wechatAccessTokenApi';
import type { JsapiTicket, TicketType } from '../../core/jssdk/jsapiTicket';
import { isTicketType } from '../../core/jssdk/jsapiTicket';
import { preparePageUrl } from '../../core/jssdk/pageUrl';
import type { Clock } from '../../core/tokenTypes';
import { systemClock } from '../../core/tokenTypes';
import type { WechatApp } from '../config/appConfig';
import { pageUrlProblemText } from '../jssdk/jsSdkTexts';
import { signPage } from '../jssdk/pageSigning';
import type { TicketService } from '../jssdk/ticketService';
import type { AccessTokenApiDeps, TokenApi } from './accessTokenApi';
import { AccessTokenApiError, resolveApiApp } from './accessTokenApi';
import { wechatRefusalError } from './healthApi';

export interface JsSdkApiDeps extends Pick<
	AccessTokenApiDeps,
	'service' | 'activeApp' | 'l10n' | 'log' | 'timeoutSeconds'
> {
	/** Tokens for a ticket are obtained exactly as `getAccessToken` obtains them. */
	readonly tokens: TokenApi;
	/** The same ticket cache as the commands': a ticket fetched here is theirs too, and the other way round. */
	readonly tickets: Pick<TicketService, 'peek' | 'get'>;
	readonly clock?: Clock;
}

/** JS-SDK tickets and page signatures for other extensions: the commands' cache and signer, as plain data. */
export function createJsSdkApi(deps: JsSdkApiDeps): Pick<WechatAccessTokenApi, 'getJsapiTicket' | 'signJsSdkPage'> {
	const clock = deps.clock ?? systemClock;

	/** A fresh ticket held by any window, else one fetched with the app's token; failures as the API reports them. */
	const ticketOf = async (app: WechatApp, type: TicketType): Promise<JsapiTicket> => {
		const held = await deps.tickets.peek(app, type);
		if (held !== undefined) {
			return held;
		}
		const { accessToken } = await deps.tokens.getAccessTokenInfo(app.name);
		return deps.tickets.get(app, type, accessToken).catch((error: unknown) => {
			throw wechatRefusalError(error, app, deps);
		});
	};

	return {
		async getJsapiTicket(ref, typeArg): Promise<JsapiTicketInfo> {
			const type = typeArg ?? 'jsapi';
			if (!isTicketType(type)) {
				throw new AccessTokenApiError(
					'invalid-ticket-type',
					deps.l10n.t('The ticket type is jsapi (for wx.config) or wx_card.'),
				);
			}
			const app = resolveApiApp(deps.service, deps.activeApp, ref, deps.l10n);
			const ticket = await ticketOf(app, type);
			deps.log.info(`Gave the ${type} ticket of "${app.name}" to another extension.`);
			return { appName: app.name, type, ticket: ticket.ticket, expiresAt: ticket.expiresAt };
		},

		async signJsSdkPage(ref, url): Promise<JsSdkPageSignature> {
			const page = preparePageUrl(typeof url === 'string' ? url : '');
			if (!page.ok) {
				throw new AccessTokenApiError('invalid-url', pageUrlProblemText(page.problem, deps.l10n));
			}
			const app = resolveApiApp(deps.service, deps.activeApp, ref, deps.l10n);
			const signed = signPage(app, await ticketOf(app, 'jsapi'), page, clock.now());
			deps.log.info(`Signed a JS-SDK page of "${app.name}" for another extension: ${signed.url}.`);
			return {
				appName: app.name,
				appId: signed.appId,
				url: signed.url,
				timestamp: signed.timestamp,
				nonceStr: signed.nonceStr,
				signature: signed.signature,
				...(signed.fragmentRemoved === undefined ? {} : { fragmentRemoved: signed.fragmentRemoved }),
			};
		},
	};
}
