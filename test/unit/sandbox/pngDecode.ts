import * as assert from 'node:assert/strict';
import { crc32, inflateSync } from 'node:zlib';

/**
 * A strict reader for the PNGs the sandbox makes, written apart from `test/sandbox/png.ts` so that a mistake there
 * cannot hide behind the same mistake here: CRCs by Node's zlib, the layout by the PNG specification. It asserts as it
 * reads (signature, chunk CRCs, IHDR first, IEND last and empty, one run of IDATs, 8-bit truecolour, no interlace,
 * scanlines of filter type 0) and returns the pixels.
 */
export interface DecodedPng {
	readonly chunkTypes: readonly string[];
	readonly width: number;
	readonly height: number;
	readonly bitDepth: number;
	readonly colorType: number;
	readonly channels: number;
	readonly pixels: Buffer;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

export function decodePng(png: Buffer): DecodedPng {
	assert.deepEqual([...png.subarray(0, 8)], SIGNATURE, 'PNG signature');
	const chunks: { type: string; data: Buffer }[] = [];
	let offset = 8;
	while (offset < png.length) {
		assert.ok(offset + 12 <= png.length, `chunk header at ${offset} runs past the end`);
		const length = png.readUInt32BE(offset);
		const type = png.toString('latin1', offset + 4, offset + 8);
		assert.match(type, /^[A-Za-z]{4}$/, `chunk type at ${offset}`);
		assert.ok(offset + 12 + length <= png.length, `${type} runs past the end`);
		const data = png.subarray(offset + 8, offset + 8 + length);
		const stored = png.readUInt32BE(offset + 8 + length);
		assert.equal(stored, crc32(png.subarray(offset + 4, offset + 8 + length)), `CRC of ${type}`);
		chunks.push({ type, data });
		offset += 12 + length;
	}
	assert.equal(offset, png.length, 'nothing after the last chunk');
	const chunkTypes = chunks.map((chunk) => chunk.type);
	assert.equal(chunkTypes[0], 'IHDR', 'IHDR first');
	assert.equal(chunkTypes.at(-1), 'IEND', 'IEND last');
	assert.equal(chunks.at(-1)?.data.length, 0, 'IEND is empty');
	const idats = chunkTypes.flatMap((type, index) => (type === 'IDAT' ? [index] : []));
	assert.ok(idats.length > 0, 'at least one IDAT');
	assert.equal(idats.at(-1)! - idats[0]! + 1, idats.length, 'IDATs consecutive');

	const header = chunks[0]!.data;
	assert.equal(header.length, 13, 'IHDR length');
	const width = header.readUInt32BE(0);
	const height = header.readUInt32BE(4);
	const [bitDepth, colorType, compression, filter, interlace] = [...header.subarray(8)] as number[];
	assert.ok(width > 0 && height > 0, 'positive dimensions');
	assert.equal(bitDepth, 8);
	assert.ok(colorType === 2 || colorType === 6, `colour type ${colorType}`);
	assert.deepEqual([compression, filter, interlace], [0, 0, 0]);
	const channels = colorType === 6 ? 4 : 3;

	const raw = inflateSync(Buffer.concat(chunks.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data)));
	const stride = width * channels;
	assert.equal(raw.length, (stride + 1) * height, 'inflated size');
	const pixels = Buffer.alloc(stride * height);
	for (let y = 0; y < height; y++) {
		assert.equal(raw[y * (stride + 1)], 0, `filter type of scanline ${y}`);
		raw.copy(pixels, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
	}
	return { chunkTypes, width, height, bitDepth, colorType, channels, pixels };
}

/** The pixel at (x, y) as an array of its channels. */
export function pixelAt(png: DecodedPng, x: number, y: number): number[] {
	const offset = (y * png.width + x) * png.channels;
	return [...png.pixels.subarray(offset, offset + png.channels)];
}
