import { pngReply } from '../reply';
import type { Reply } from '../reply';
import { asRecord } from '../requestBody';
import { wechatApiRoute } from '../wechatApiRoute';
import type { WechatApiCall } from '../wechatApiRoute';
import { wechatErrorReply } from '../wechatErrors';
import { codeImage } from '../wxaCodeImage';
import type { CodeKind, RgbColor } from '../wxaCodeImage';

/**
 * The Mini Program code endpoints (PROTOCOLS.md §8): a PNG (`Content-Type: image/png`) on success, WeChat's JSON
 * error otherwise, told apart by the content type. The images are real PNGs (`wxaCodeImage.ts`), `width` pixels a
 * side, their pattern derived from the scene or path.
 */

export const UNLIMITED_CODE_PATH = '/wxa/getwxacodeunlimit';
export const CODE_PATH = '/wxa/getwxacode';
export const QR_CODE_PATH = '/cgi-bin/wxaapp/createwxaqrcode';

/** The pages of the fixture apps' published version, for `check_path` (and URL Link / Scheme paths). */
export const SANDBOX_PUBLISHED_PAGES: readonly string[] = ['pages/index/index', 'pages/order/detail'];
/** Where a code without `page` leads: the first page of app.json. */
const HOME_PAGE = 'pages/index/index';

export const ENV_VERSIONS = ['release', 'trial', 'develop'];

/** WeChat's documented range for `width`, and its default; values outside are clamped, as WeChat does. */
const MIN_WIDTH = 280;
const MAX_WIDTH = 1280;
const DEFAULT_WIDTH = 430;

/** The scene's documented alphabet: digits, letters and `!#$&'()*+,/:;=?@-._~`, at most 32 of them. */
const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/;
const MAX_SCENE = 32;

type Checked<T> = { readonly value: T } | { readonly errcode: number };

/** The drawing options every code endpoint shares: `width`, and (Mini Program codes) colour and transparency. */
interface Drawing {
	readonly size: number;
	readonly lineColor?: RgbColor;
	readonly hyaline?: boolean;
}

function drawing(body: Readonly<Record<string, unknown>>, withColour: boolean): Checked<Drawing> {
	const width = body['width'] ?? DEFAULT_WIDTH;
	if (typeof width !== 'number' || !Number.isFinite(width)) {
		return { errcode: 47001 };
	}
	const size = Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));
	if (!withColour) {
		return { value: { size } };
	}
	const { auto_color: autoColor, is_hyaline: hyaline } = body;
	if (
		(autoColor !== undefined && typeof autoColor !== 'boolean') ||
		(hyaline !== undefined && typeof hyaline !== 'boolean')
	) {
		return { errcode: 47001 };
	}
	let lineColor: RgbColor | undefined;
	if (body['line_color'] !== undefined) {
		const colour = asRecord(body['line_color']);
		const [r, g, b] = [colour?.['r'], colour?.['g'], colour?.['b']];
		if (!isChannel(r) || !isChannel(g) || !isChannel(b)) {
			return { errcode: 47001 };
		}
		// `line_color` applies only when `auto_color` is false (its default).
		lineColor = autoColor === true ? undefined : { r, g, b };
	}
	return { value: { size, ...(lineColor ? { lineColor } : {}), ...(hyaline === true ? { hyaline } : {}) } };
}

function isChannel(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255;
}

function envVersion(body: Readonly<Record<string, unknown>>): number | undefined {
	const env = body['env_version'];
	return env === undefined || (typeof env === 'string' && ENV_VERSIONS.includes(env)) ? undefined : 40097;
}

function image(kind: CodeKind, content: string, draw: Drawing): Reply {
	return pngReply(codeImage({ kind, content, ...draw }));
}

/**
 * `POST /wxa/getwxacodeunlimit`, body `{scene, page?, check_path?, env_version?, width?, auto_color?, line_color?,
 * is_hyaline?}`. WeChat's checks: 40169 a scene missing, empty or over 32 characters; 40129 a character outside its
 * alphabet; 41030 a page with a leading `/` or a query, or (with `check_path`, the default) one the published version
 * does not have; 40097 an unknown `env_version`; 47001 a field of the wrong type.
 */
function unlimited({ body }: WechatApiCall): Reply {
	const scene = body['scene'];
	if (typeof scene !== 'string' || scene.length === 0 || [...scene].length > MAX_SCENE) {
		return wechatErrorReply(40169);
	}
	if (!SCENE_CHARS.test(scene)) {
		return wechatErrorReply(40129);
	}
	const page = body['page'] ?? '';
	const checkPath = body['check_path'] ?? true;
	if (typeof page !== 'string' || typeof checkPath !== 'boolean') {
		return wechatErrorReply(47001);
	}
	if (page.startsWith('/') || page.includes('?')) {
		return wechatErrorReply(41030);
	}
	const env = envVersion(body);
	if (env !== undefined) {
		return wechatErrorReply(env);
	}
	if (checkPath && !SANDBOX_PUBLISHED_PAGES.includes(page === '' ? HOME_PAGE : page)) {
		return wechatErrorReply(41030);
	}
	const draw = drawing(body, true);
	return 'errcode' in draw ? wechatErrorReply(draw.errcode) : image('wxacode', scene, draw.value);
}

/**
 * `POST /wxa/getwxacode` (`{path, width?, auto_color?, line_color?, is_hyaline?, env_version?}`, path up to 1024
 * characters, query allowed) and `POST /cgi-bin/wxaapp/createwxaqrcode` (`{path, width?}`, up to 128): 40159 for a
 * path missing, empty or too long. Neither checks that the page exists.
 */
function limited(kind: CodeKind, maxPath: number) {
	return ({ body }: WechatApiCall): Reply => {
		const path = body['path'];
		if (typeof path !== 'string' || path.length === 0 || path.length > maxPath) {
			return wechatErrorReply(40159);
		}
		const env = kind === 'wxacode' ? envVersion(body) : undefined;
		if (env !== undefined) {
			return wechatErrorReply(env);
		}
		const draw = drawing(body, kind === 'wxacode');
		return 'errcode' in draw ? wechatErrorReply(draw.errcode) : image(kind, path, draw.value);
	};
}

export const wxaUnlimitedCodeRoute = wechatApiRoute('POST', UNLIMITED_CODE_PATH, unlimited);
export const wxaCodeRoute = wechatApiRoute('POST', CODE_PATH, limited('wxacode', 1024));
export const wxaQrCodeRoute = wechatApiRoute('POST', QR_CODE_PATH, limited('qrcode', 128));
