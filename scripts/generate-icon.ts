/**
 * Draws media/icon.png (128×128, the Marketplace and Extensions view icon): a white key on a WeChat-green rounded
 * square. Node built-ins only (zlib for the PNG's deflate stream), so anyone can regenerate it:
 * `npx tsx scripts/generate-icon.ts`. Shapes are signed distance functions, sampled 4×4 per pixel for smooth edges.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
/** WeChat's brand green. */
const GREEN: readonly [number, number, number] = [0x07, 0xc1, 0x60];
const WHITE: readonly [number, number, number] = [0xff, 0xff, 0xff];

type Point = readonly [number, number];

function roundedSquare([x, y]: Point): number {
	const half = 60;
	const radius = 26;
	const qx = Math.abs(x - SIZE / 2) - (half - radius);
	const qy = Math.abs(y - SIZE / 2) - (half - radius);
	return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function box(u: number, v: number, u0: number, u1: number, v0: number, v1: number): number {
	const du = Math.max(u0 - u, u - u1);
	const dv = Math.max(v0 - v, v - v1);
	return Math.hypot(Math.max(du, 0), Math.max(dv, 0)) + Math.min(Math.max(du, dv), 0);
}

/** The key, drawn along the diagonal: its bow (a ring) top left, the shaft down to the right, teeth on one side. */
function key([x, y]: Point): number {
	const centre = 50;
	const dx = x - centre;
	const dy = y - centre;
	const u = (dx + dy) / Math.SQRT2; // along the shaft
	const v = (dx - dy) / Math.SQRT2; // across it, teeth on the positive side
	const ring = Math.max(Math.hypot(u, v) - 21, 9 - Math.hypot(u, v));
	const shaft = box(u, v, 14, 62, -6, 6) - 1;
	const tooth1 = box(u, v, 45, 52, 0, 16) - 1;
	const tooth2 = box(u, v, 56, 62, 0, 11) - 1;
	return Math.min(ring, shaft, tooth1, tooth2);
}

/** RGBA rows, each prefixed with PNG filter type 0. */
function pixels(): Buffer {
	const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
	for (let y = 0; y < SIZE; y++) {
		const row = y * (1 + SIZE * 4);
		for (let x = 0; x < SIZE; x++) {
			let background = 0;
			let glyph = 0;
			for (let sy = 0; sy < SAMPLES; sy++) {
				for (let sx = 0; sx < SAMPLES; sx++) {
					const p: Point = [x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES];
					if (roundedSquare(p) <= 0) {
						background++;
						if (key(p) <= 0) {
							glyph++;
						}
					}
				}
			}
			const total = SAMPLES * SAMPLES;
			const mix = background === 0 ? 0 : glyph / background;
			const offset = row + 1 + x * 4;
			for (let channel = 0; channel < 3; channel++) {
				rows[offset + channel] = Math.round((GREEN[channel] ?? 0) * (1 - mix) + (WHITE[channel] ?? 0) * mix);
			}
			rows[offset + 3] = Math.round((255 * background) / total);
		}
	}
	return rows;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) {
		c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	}
	return c >>> 0;
});

function crc32(data: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of data) {
		crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
	}
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

function png(): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(SIZE, 0);
	header.writeUInt32BE(SIZE, 4);
	header[8] = 8; // bits per channel
	header[9] = 6; // RGBA
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	return Buffer.concat([
		signature,
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(pixels(), { level: 9 })),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

const target = path.resolve(__dirname, '../media/icon.png');
writeFileSync(target, png());
console.log(`wrote ${target}`);
