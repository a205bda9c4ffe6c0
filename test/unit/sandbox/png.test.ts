import * as assert from 'node:assert/strict';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32, encodePng, PNG_SIGNATURE } from '../../sandbox/png';
import { codeImage } from '../../sandbox/wxaCodeImage';
import { decodePng, pixelAt } from './pngDecode';

/** The sandbox's PNG encoder and code images, read back by an independent decoder (pngDecode.ts, Node's zlib CRC). */

describe('sandbox: PNG encoder', () => {
	it('computes CRC-32 as PNG does: the standard check value, and zlib’s on any bytes', () => {
		assert.equal(crc32(Buffer.from('123456789', 'latin1')), 0xcbf43926);
		assert.equal(crc32(Buffer.from('IEND', 'latin1')), 0xae426082, 'the CRC every PNG ends with');
		assert.equal(crc32(new Uint8Array(0)), 0);
		const bytes = Buffer.from(Array.from({ length: 1000 }, (_, index) => (index * 37 + 11) & 0xff));
		assert.equal(crc32(bytes), zlibCrc32(bytes));
	});

	it('writes signature, IHDR, IDAT and IEND with correct CRCs, and the pixels survive the round trip', () => {
		const width = 5;
		const height = 3;
		const pixels = Uint8Array.from({ length: width * height * 3 }, (_, index) => (index * 29) & 0xff);
		const png = encodePng({ width, height, channels: 3, pixels });
		assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);
		assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		const decoded = decodePng(png);
		assert.deepEqual(decoded.chunkTypes, ['IHDR', 'IDAT', 'IEND']);
		assert.equal(decoded.width, width);
		assert.equal(decoded.height, height);
		assert.equal(decoded.colorType, 2);
		assert.deepEqual([...decoded.pixels], [...pixels]);
		assert.deepEqual([...png.subarray(-12)], [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
	});

	it('writes RGBA as colour type 6, a non-square image the right way round', () => {
		const pixels = new Uint8Array(64 * 2 * 4);
		pixels.set([10, 20, 30, 40], (1 * 64 + 63) * 4); // the last pixel of the second row
		const decoded = decodePng(encodePng({ width: 64, height: 2, channels: 4, pixels }));
		assert.equal(decoded.colorType, 6);
		assert.deepEqual([decoded.width, decoded.height], [64, 2]);
		assert.deepEqual(pixelAt(decoded, 63, 1), [10, 20, 30, 40]);
		assert.deepEqual(pixelAt(decoded, 0, 0), [0, 0, 0, 0]);
	});

	it('refuses wrong dimensions or a pixel buffer of the wrong size', () => {
		assert.throws(() => encodePng({ width: 0, height: 1, channels: 3, pixels: new Uint8Array(0) }), /positive/);
		assert.throws(() => encodePng({ width: 1.5, height: 1, channels: 3, pixels: new Uint8Array(3) }), /whole/);
		assert.throws(
			() => encodePng({ width: 2, height: 2, channels: 3, pixels: new Uint8Array(11) }),
			/12 pixel bytes/,
		);
	});
});

describe('sandbox: Mini Program code images', () => {
	it('are valid PNGs of the size asked, white around the code and dark in its finder patterns', () => {
		for (const kind of ['wxacode', 'qrcode'] as const) {
			const decoded = decodePng(codeImage({ kind, content: 'id=42', size: 64 }));
			assert.deepEqual([decoded.width, decoded.height, decoded.colorType], [64, 64, 2], kind);
			assert.deepEqual(pixelAt(decoded, 0, 0), [255, 255, 255], `${kind}: a white corner`);
			const dark = decoded.pixels.filter((value) => value === 0).length / 3;
			assert.ok(
				dark > 64 * 64 * 0.15 && dark < 64 * 64 * 0.7,
				`${kind}: a visible pattern (${dark} dark pixels)`,
			);
		}
		const qr = decodePng(codeImage({ kind: 'qrcode', content: 'p', size: 250 }));
		// 25 modules of 10 px: the top-left finder's outer ring starts at module 2.
		assert.deepEqual(pixelAt(qr, 25, 25), [0, 0, 0], 'finder ring');
		assert.deepEqual(pixelAt(qr, 35, 35), [255, 255, 255], 'the light ring inside it');
		assert.deepEqual(pixelAt(qr, 55, 55), [0, 0, 0], 'finder centre');
		const round = decodePng(codeImage({ kind: 'wxacode', content: 'p', size: 250 }));
		assert.deepEqual(pixelAt(round, 125, 125), [0, 0, 0], 'the round code’s centre disk');
	});

	it('depend on the content: the same scene the same image, another scene another', () => {
		const a = codeImage({ kind: 'wxacode', content: 'id=1', size: 64 });
		assert.deepEqual(codeImage({ kind: 'wxacode', content: 'id=1', size: 64 }), a);
		assert.notDeepEqual(
			decodePng(codeImage({ kind: 'wxacode', content: 'id=2', size: 64 })).pixels,
			decodePng(a).pixels,
		);
	});

	it('draw in the line colour, on a transparent background when asked', () => {
		const decoded = decodePng(
			codeImage({ kind: 'wxacode', content: 'x', size: 100, lineColor: { r: 7, g: 193, b: 96 }, hyaline: true }),
		);
		assert.equal(decoded.colorType, 6);
		assert.deepEqual(pixelAt(decoded, 0, 0), [0, 0, 0, 0], 'transparent corner');
		assert.deepEqual(pixelAt(decoded, 50, 50), [7, 193, 96, 255], 'centre disk in the line colour');
	});
});
