import type { JsapiTicket } from '../../core/jssdk/jsapiTicket';
import { jsSdkString1, makeNonce, sha1Hex, unixSeconds } from '../../core/jssdk/jsSdkSignature';
import { maskTicketInString1 } from '../../core/jssdk/ticketMask';
import type { WechatApp } from '../config/appConfig';

/** A page's URL ready to sign (`preparePageUrl`'s `ok` answer): the fragment gone, the text otherwise as typed. */
export interface SignablePage {
	readonly url: string;
	readonly fragmentRemoved: string | undefined;
	readonly looksEncoded: boolean;
	readonly decoded: string | undefined;
}

/** What `wx.config` needs, and what was signed to get it (the ticket masked). */
export interface SignedPage {
	readonly appId: string;
	readonly url: string;
	/** Unix seconds, as WeChat wants them. */
	readonly timestamp: number;
	readonly nonceStr: string;
	readonly signature: string;
	/** string1 with the ticket masked: safe to show, never enough to sign with. */
	readonly string1Masked: string;
	readonly ticketExpiresAt: number;
	readonly fragmentRemoved: string | undefined;
	readonly looksEncoded: boolean;
	readonly decoded: string | undefined;
}

/** Signs the page with the app's ticket: a fresh nonce, the time in seconds, the URL as given (PROTOCOLS.md §7). */
export function signPage(
	app: Pick<WechatApp, 'appId'>,
	ticket: JsapiTicket,
	page: SignablePage,
	nowMs: number,
	nonceStr: string = makeNonce(),
): SignedPage {
	const timestamp = unixSeconds(nowMs);
	const string1 = jsSdkString1({ jsapiTicket: ticket.ticket, nonceStr, timestamp, url: page.url });
	return {
		appId: app.appId,
		url: page.url,
		timestamp,
		nonceStr,
		signature: sha1Hex(string1),
		string1Masked: maskTicketInString1(string1, ticket.ticket),
		ticketExpiresAt: ticket.expiresAt,
		fragmentRemoved: page.fragmentRemoved,
		looksEncoded: page.looksEncoded,
		decoded: page.decoded,
	};
}

/**
 * The `wx.config` call to paste into the page, `indent` before every line after the first (the cursor's line's
 * indentation when inserted). The values are JSON strings: an AppID from the settings cannot break out of its quotes.
 */
export function wxConfigSnippet(signed: SignedPage, indent = ''): string {
	const inner = `${indent}\t`;
	return [
		'wx.config({',
		`${inner}appId: ${JSON.stringify(signed.appId)},`,
		`${inner}timestamp: ${signed.timestamp},`,
		`${inner}nonceStr: ${JSON.stringify(signed.nonceStr)},`,
		`${inner}signature: ${JSON.stringify(signed.signature)},`,
		`${inner}jsApiList: [],`,
		`${indent}});`,
	].join('\n');
}
