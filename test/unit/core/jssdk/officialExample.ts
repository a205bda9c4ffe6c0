/**
 * WeChat's own example of the JS-SDK signature (附录1, quoted in PROTOCOLS.md §7): the one fixed point every suite
 * here starts from, so a mistake in the signer cannot be mirrored by the same mistake in a test.
 */
export const OFFICIAL_EXAMPLE = {
	jsapiTicket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
	nonceStr: 'Wm3WZYTPz0wzccnW',
	timestamp: '1414587457',
	withQuery: {
		url: 'http://mp.weixin.qq.com?params=value',
		signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
	},
	bare: {
		url: 'http://mp.weixin.qq.com',
		signature: 'f4d90daf4b3bca3078ab155816175ba34c443a7b',
	},
} as const;
