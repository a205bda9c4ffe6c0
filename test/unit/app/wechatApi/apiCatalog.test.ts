import * as assert from 'node:assert/strict';
import {
	API_CATALOG,
	catalogDescription,
	catalogEntry,
	renderCatalogRequest,
} from '../../../../src/app/wechatApi/apiCatalog';
import { englishLocalizer } from '../../../../src/app/ports/localizer';
import { cgiPathProblem } from '../../../../src/core/diagnostics/cgiPath';
import { parseRequestFile } from '../../../../src/core/wechatHttp/requestFile';

describe('WeChat API catalog', () => {
	it('holds at least 22 calls with unique ids, valid API paths and an official doc page', () => {
		assert.ok(API_CATALOG.length >= 22, `${API_CATALOG.length} entries`);
		const ids = API_CATALOG.map((entry) => entry.id);
		assert.equal(new Set(ids).size, ids.length, 'ids are unique');
		for (const entry of API_CATALOG) {
			assert.equal(cgiPathProblem(entry.path), undefined, entry.path);
			assert.match(entry.docUrl, /^https:\/\/developers\.weixin\.qq\.com\/[\w./-]+\.html$/, entry.id);
			assert.ok(entry.accounts.length > 0, entry.id);
			assert.equal(entry.body !== undefined, entry.method === 'POST', `${entry.id}: a POST has a JSON body`);
			assert.ok(!(entry.query ?? []).some(([key]) => key === 'access_token'), entry.id);
			assert.equal(catalogEntry(entry.id), entry);
		}
	});

	it('covers the calls teams make most, for both kinds of account', () => {
		const byPath = new Map(API_CATALOG.map((entry) => [entry.path, entry]));
		for (const path of [
			'/cgi-bin/menu/create',
			'/cgi-bin/menu/get',
			'/cgi-bin/menu/delete',
			'/cgi-bin/user/info',
			'/cgi-bin/user/get',
			'/cgi-bin/message/template/send',
			'/cgi-bin/message/subscribe/send',
			'/cgi-bin/message/custom/send',
			'/cgi-bin/media/get',
			'/cgi-bin/qrcode/create',
			'/wxa/getwxacodeunlimit',
			'/wxa/getwxacode',
			'/cgi-bin/wxaapp/createwxaqrcode',
			'/wxa/generate_urllink',
			'/wxa/generatescheme',
			'/wxa/genwxashortlink',
			'/wxa/business/getuserphonenumber',
			'/wxa/msg_sec_check',
			'/wxa/media_check_async',
			'/cgi-bin/get_api_domain_ip',
			'/cgi-bin/callback/check',
			'/cgi-bin/openapi/quota/get',
			'/cgi-bin/openapi/rid/get',
			'/cgi-bin/clear_quota',
			'/cgi-bin/ticket/getticket',
		]) {
			assert.ok(byPath.has(path), path);
		}
		assert.deepEqual(
			API_CATALOG.filter((entry) => entry.answersImage === true).map((entry) => entry.path),
			['/wxa/getwxacodeunlimit', '/wxa/getwxacode', '/cgi-bin/wxaapp/createwxaqrcode'],
		);
		assert.equal(byPath.get('/cgi-bin/media/get')?.answersBinary, true);
		assert.equal(byPath.get('/cgi-bin/clear_quota')?.destructive, true);
		assert.deepEqual(byPath.get('/cgi-bin/ticket/getticket')?.query, [['type', 'jsapi']]);
		assert.deepEqual(byPath.get('/wxa/business/getuserphonenumber')?.body, { code: 'CODE' });
		assert.ok(API_CATALOG.some((entry) => entry.accounts.includes('official-account')));
		assert.ok(API_CATALOG.some((entry) => entry.accounts.includes('mini-program')));
	});

	it('describes every call in one distinct line', () => {
		const descriptions = API_CATALOG.map((entry) => catalogDescription(entry.id, englishLocalizer));
		for (const description of descriptions) {
			assert.match(description, /^[A-Z].*\.$/);
			assert.ok(!/[\r\n]/.test(description));
		}
		assert.equal(new Set(descriptions).size, descriptions.length);
	});

	it('renders every call as a request that parses back to itself, without problems', () => {
		for (const entry of API_CATALOG) {
			for (const appName of [undefined, '商城 小程序']) {
				const text = renderCatalogRequest(entry, englishLocalizer, appName);
				const file = parseRequestFile(text);
				assert.equal(file.requests.length, 1, text);
				const request = file.requests[0];
				assert.ok(request !== undefined);
				assert.deepEqual(request.problems, [], text);
				assert.equal(request.name, entry.id);
				assert.equal(request.app, appName);
				assert.equal(request.method, entry.method);
				assert.deepEqual(request.target, { kind: 'path', path: entry.path, query: entry.query ?? [] });
				assert.deepEqual(
					request.headers,
					entry.method === 'POST' ? [['Content-Type', 'application/json']] : [],
				);
				assert.deepEqual(request.body === undefined ? undefined : JSON.parse(request.body), entry.body);
				assert.ok(text.includes(`# Docs: ${entry.docUrl}\n`));
				assert.ok(text.endsWith('\n'));
			}
		}
	});

	it('writes a POST as the file format shows it, Chinese unescaped', () => {
		const entry = catalogEntry('custom-message-send');
		assert.ok(entry !== undefined);
		assert.equal(
			renderCatalogRequest(entry, englishLocalizer, 'Shop'),
			[
				'### custom-message-send',
				'# Send a customer service message to a user who recently interacted with the account.',
				'# Docs: https://developers.weixin.qq.com/doc/service/api/customer/message/api_sendcustommessage.html',
				'# @app Shop',
				'POST /cgi-bin/message/custom/send',
				'Content-Type: application/json',
				'',
				'{',
				'  "touser": "OPENID",',
				'  "msgtype": "text",',
				'  "text": {',
				'    "content": "您好，有什么可以帮您？"',
				'  }',
				'}',
				'',
			].join('\n'),
		);
		const list = catalogEntry('user-list');
		assert.ok(list !== undefined);
		assert.match(renderCatalogRequest(list, englishLocalizer), /\nGET \/cgi-bin\/user\/get\?next_openid=\n$/);
	});

	it('keeps an app name from settings on its one comment line', () => {
		const entry = catalogEntry('menu-get');
		assert.ok(entry !== undefined);
		const text = renderCatalogRequest(entry, englishLocalizer, 'Evil\nGET https://evil.com/\r\n');
		assert.equal(parseRequestFile(text).requests.length, 1);
		assert.equal(parseRequestFile(text).requests[0]?.app, 'Evil GET https://evil.com/');
		assert.ok(!renderCatalogRequest(entry, englishLocalizer, ' \n ').includes('@app'));
	});
});
