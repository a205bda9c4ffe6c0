import { createHash } from 'node:crypto';
import { encodePng } from './png';

/**
 * The images the Mini Program code endpoints answer with: not scannable codes, but real PNGs that look the part, so a
 * client that saves or previews them shows something recognisable. The pattern is derived from what the code would
 * open (the scene, or the page path), so two scenes give two different images and the same one the same image.
 * `wxacode` is round like a Mini Program code (getwxacode, getwxacodeunlimit); `qrcode` is a square QR-style code with
 * three finder patterns (createwxaqrcode).
 */
export type CodeKind = 'wxacode' | 'qrcode';

export interface RgbColor {
	readonly r: number;
	readonly g: number;
	readonly b: number;
}

export interface CodeImageRequest {
	readonly kind: CodeKind;
	/** The scene or the path the code stands for. */
	readonly content: string;
	/** Width and height in pixels. */
	readonly size: number;
	/** The lines' colour; black by default. */
	readonly lineColor?: RgbColor;
	/** A transparent background (RGBA) instead of white (RGB), like `is_hyaline`. */
	readonly hyaline?: boolean;
}

/** Modules a side: 21 data modules (a version-1 QR code's) and a quiet zone of 2 on each side. */
const DATA_MODULES = 21;
const QUIET = 2;
const GRID = DATA_MODULES + 2 * QUIET;
const CENTER = GRID / 2;

export function codeImage(request: CodeImageRequest): Buffer {
	const { size, kind } = request;
	const bits = createHash('sha512').update(`${kind}\n${request.content}`, 'utf8').digest();
	const channels = request.hyaline === true ? 4 : 3;
	const line = request.lineColor ?? { r: 0, g: 0, b: 0 };
	const pixels = new Uint8Array(size * size * channels);
	const modulePx = size / GRID;
	for (let y = 0; y < size; y++) {
		const gy = (y + 0.5) / modulePx;
		for (let x = 0; x < size; x++) {
			const gx = (x + 0.5) / modulePx;
			const dark = kind === 'wxacode' ? roundDark(gx, gy, bits) : squareDark(gx, gy, bits);
			const offset = (y * size + x) * channels;
			if (dark) {
				pixels[offset] = line.r;
				pixels[offset + 1] = line.g;
				pixels[offset + 2] = line.b;
			} else if (channels === 3) {
				pixels.fill(255, offset, offset + 3);
			}
			if (channels === 4) {
				pixels[offset + 3] = dark ? 255 : 0;
			}
		}
	}
	return encodePng({ width: size, height: size, channels, pixels });
}

/** The data module at (mx, my) of the 21×21 grid, one bit of the content's hash each (512 bits, wrapping). */
function dataBit(mx: number, my: number, bits: Buffer): boolean {
	const index = (my * DATA_MODULES + mx) % (bits.length * 8);
	return (((bits[index >> 3] as number) >> (7 - (index & 7))) & 1) === 1;
}

/** A QR-style square: three 7×7 finder patterns in the corners, data elsewhere. */
function squareDark(gx: number, gy: number, bits: Buffer): boolean {
	const mx = Math.floor(gx) - QUIET;
	const my = Math.floor(gy) - QUIET;
	if (mx < 0 || my < 0 || mx >= DATA_MODULES || my >= DATA_MODULES) {
		return false;
	}
	const far = DATA_MODULES - 7;
	for (const [fx, fy] of [
		[0, 0],
		[far, 0],
		[0, far],
	] as const) {
		const dx = mx - fx;
		const dy = my - fy;
		if (dx >= -1 && dx <= 7 && dy >= -1 && dy <= 7) {
			if (dx < 0 || dy < 0 || dx > 6 || dy > 6) {
				return false; // the separator around a finder
			}
			const ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
			return ring !== 2;
		}
	}
	return dataBit(mx, my, bits);
}

/** Round like a Mini Program code: data inside a circle, three ring-shaped eyes, and a disk in the middle. */
function roundDark(gx: number, gy: number, bits: Buffer): boolean {
	const fromCenter = Math.hypot(gx - CENTER, gy - CENTER);
	if (fromCenter > CENTER - 1) {
		return false;
	}
	if (fromCenter < 3.4) {
		return fromCenter < 2.6;
	}
	for (const [ex, ey] of [
		[QUIET + 5.5, QUIET + 5.5],
		[GRID - QUIET - 5.5, QUIET + 5.5],
		[QUIET + 5.5, GRID - QUIET - 5.5],
	] as const) {
		const fromEye = Math.hypot(gx - ex, gy - ey);
		if (fromEye < 3.4) {
			return fromEye < 1.3 || (fromEye > 2.0 && fromEye < 2.8);
		}
	}
	return dataBit(Math.floor(gx) - QUIET, Math.floor(gy) - QUIET, bits);
}
