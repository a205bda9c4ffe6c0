import type { ApiQuotaInfo, RidInfo, TokenCheckInfo, WechatAccessTokenApi } from '../../api/wechatAccessTokenApi';
import { cgiPathProblem } from '../../core/diagnostics/cgiPath';
import { parseTypedRid } from '../../core/diagnostics/rid';
import { WechatApiError } from '../../core/diagnostics/wechatApiError';
import type { WechatApp } from '../config/appConfig';
import type { HealthCalls, TokenUse } from '../health/healthCalls';
import type { AccessTokenApiDeps, TokenApi } from './accessTokenApi';
import { AccessTokenApiError, resolveApiApp, toApiError } from './accessTokenApi';

export interface HealthApiDeps extends Pick<
	AccessTokenApiDeps,
	'service' | 'activeApp' | 'l10n' | 'log' | 'timeoutSeconds'
> {
	/** The token part of the API: tokens for these calls are obtained exactly as `getAccessToken` obtains them. */
	readonly tokens: TokenApi;
	/** The same calls the commands make: what they learn is recorded the same way. */
	readonly healthCalls: HealthCalls;
}

/**
 * Token health for other extensions: the same calls as the commands, as plain data. What a check or a quota read
 * learns shows in the sidebar and the status bar as if the user had asked.
 */
export function createHealthApi(
	deps: HealthApiDeps,
): Pick<WechatAccessTokenApi, 'checkToken' | 'getQuota' | 'explainRid'> {
	/** The app and its current token; failures as the API reports them. */
	const prepare = async (ref: string | undefined): Promise<{ app: WechatApp; use: TokenUse }> => {
		const app = resolveApiApp(deps.service, deps.activeApp, ref, deps.l10n);
		const { accessToken } = await deps.tokens.getAccessTokenInfo(app.name);
		return { app, use: { app, accessToken } };
	};
	return {
		async checkToken(ref): Promise<TokenCheckInfo> {
			const { app, use } = await prepare(ref);
			const check = await deps.healthCalls.check(use).catch((error: unknown) => {
				throw wechatRefusalError(error, app, deps);
			});
			deps.log.info(
				`Checked the token of "${app.name}" for another extension: ${check.works ? 'it works' : `refused (${check.refusal.errcode})`}.`,
			);
			return check.works
				? { appName: app.name, works: true, checkedAt: check.checkedAt }
				: {
						appName: app.name,
						works: false,
						checkedAt: check.checkedAt,
						errcode: check.refusal.errcode,
						errmsg: check.refusal.errmsg,
					};
		},

		async getQuota(ref, path): Promise<ApiQuotaInfo> {
			const cgiPath = typeof path === 'string' ? path.trim() : '';
			if (cgiPathProblem(cgiPath) !== undefined) {
				throw new AccessTokenApiError(
					'invalid-path',
					deps.l10n.t('Give the API path alone, such as /cgi-bin/message/custom/send: no host, no query.'),
				);
			}
			const { app, use } = await prepare(ref);
			const quota = await deps.healthCalls.quota(use, cgiPath).catch((error: unknown) => {
				throw wechatRefusalError(error, app, deps);
			});
			return { appName: app.name, ...quota };
		},

		async explainRid(ref, ridText): Promise<RidInfo> {
			const rid = typeof ridText === 'string' ? parseTypedRid(ridText) : undefined;
			if (rid === undefined) {
				throw new AccessTokenApiError(
					'invalid-rid',
					deps.l10n.t(
						'This is not a rid: a rid is the id after “rid:” at the end of WeChat’s error message.',
					),
				);
			}
			const { app, use } = await prepare(ref);
			const report = await deps.healthCalls.rid(use, rid).catch((error: unknown) => {
				throw wechatRefusalError(error, app, deps);
			});
			return { appName: app.name, ...report };
		},
	};
}

/** A failure of a call made with a token, as the API reports it: WeChat's refusal in its words, else the token's failure. */
export function wechatRefusalError(
	error: unknown,
	app: WechatApp,
	deps: Pick<AccessTokenApiDeps, 'l10n' | 'log' | 'timeoutSeconds'>,
): AccessTokenApiError {
	if (WechatApiError.is(error)) {
		const { errcode, errmsg } = error.refusal;
		return new AccessTokenApiError(
			'wechat-refused',
			deps.l10n.t({
				message: '“{0}”: WeChat refused the call with errcode {1}: {2}',
				args: [app.name, errcode, errmsg],
				comment: ['{0} is the app name, {1} a number, {2} WeChat’s own message'],
			}),
			{ cause: error },
		);
	}
	return toApiError(error, app, deps);
}
