import { deflateSync } from 'node:zlib';

/**
 * A minimal PNG encoder (8-bit truecolour, with or without alpha), so the sandbox's Mini Program code endpoints answer
 * with a real image a client can save and open. Written from the PNG specification: the signature, then `IHDR`,
 * `IDAT` (the zlib-deflated scanlines, each preceded by filter type 0) and `IEND`, every chunk as length, type, data
 * and the CRC-32 of type and data.
 */

export const PNG_SIGNATURE: Buffer = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `3`: RGB (colour type 2); `4`: RGBA (colour type 6). */
export type PngChannels = 3 | 4;

export interface RasterImage {
	readonly width: number;
	readonly height: number;
	readonly channels: PngChannels;
	/** Row by row, left to right, `channels` bytes a pixel: `width * height * channels` bytes. */
	readonly pixels: Uint8Array;
}

const CRC_TABLE: Uint32Array = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let bit = 0; bit < 8; bit++) {
			c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		}
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 as PNG (and zlib, and Ethernet) computes it: polynomial 0xEDB88320, reflected, inverted in and out. */
export function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const byte of bytes) {
		c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
	}
	return (c ^ 0xffffffff) >>> 0;
}

/** PNG allows up to 2^31 - 1; the sandbox never needs more than a few thousand. */
const MAX_SIDE = 16_384;

export function encodePng(image: RasterImage): Buffer {
	const { width, height, channels, pixels } = image;
	if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
		throw new Error(`PNG dimensions must be positive whole numbers, got ${width}×${height}`);
	}
	if (width > MAX_SIDE || height > MAX_SIDE) {
		throw new Error(`PNG dimensions above ${MAX_SIDE} are not supported, got ${width}×${height}`);
	}
	const stride = width * channels;
	if (pixels.length !== stride * height) {
		throw new Error(
			`expected ${stride * height} pixel bytes for ${width}×${height}×${channels}, got ${pixels.length}`,
		);
	}

	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = channels === 4 ? 6 : 2; // colour type: truecolour with alpha, or truecolour
	header[10] = 0; // compression: deflate
	header[11] = 0; // filter method 0
	header[12] = 0; // no interlace

	const scanlines = Buffer.alloc((stride + 1) * height);
	for (let y = 0; y < height; y++) {
		// Byte 0 of each scanline is its filter type: 0, none.
		scanlines.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
	}

	return Buffer.concat([
		PNG_SIGNATURE,
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(scanlines)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

function chunk(type: string, data: Buffer): Buffer {
	const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length, 0);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData), 0);
	return Buffer.concat([length, typeAndData, crc]);
}
