import type { WechatRefusal } from '../diagnostics/diagnosticTypes';

/** A call to one of WeChat's server APIs, as a request file writes it: the token is added when it is sent. */
export interface ApiCallRequest {
	readonly method: 'GET' | 'POST';
	/** The path on the app's WeChat API host, with its query; never an `access_token` (it is removed if present). */
	readonly pathAndQuery: string;
	readonly headers: readonly (readonly [string, string])[];
	/** Sent exactly as written (WeChat takes UTF-8 JSON, Chinese unescaped). */
	readonly body?: string;
}

/**
 * What WeChat answered, told apart the way WeChat tells them apart (PROTOCOLS.md §8): by `Content-Type`. A JSON
 * answer with a non-zero `errcode` carries the refusal; an image (a Mini Program code) or another file its bytes.
 */
export type ApiAnswer = JsonAnswer | TextAnswer | ImageAnswer | BinaryAnswer;

/** An image (a Mini Program code) or another file. */
export type FileAnswer = ImageAnswer | BinaryAnswer;

export interface JsonAnswer extends AnswerBase {
	readonly kind: 'json';
	/** The body as WeChat sent it, with the token blanked if it was echoed. */
	readonly text: string;
	readonly json: unknown;
	readonly refusal?: WechatRefusal;
}

export interface TextAnswer extends AnswerBase {
	readonly kind: 'text';
	readonly text: string;
}

export interface ImageAnswer extends AnswerBase {
	readonly kind: 'image';
	readonly bytes: Uint8Array;
}

export interface BinaryAnswer extends AnswerBase {
	readonly kind: 'binary';
	readonly bytes: Uint8Array;
}

export interface AnswerBase {
	readonly status: number;
	readonly contentType: string;
	/** From sending the request to the last byte of the answer. */
	readonly durationMs: number;
	readonly receivedAt: number;
}

/** An answer this large is a file, not an API answer: read up to this (a Mini Program code is well under 1 MB). */
export const MAX_API_ANSWER_BYTES = 10 * 1024 * 1024;
