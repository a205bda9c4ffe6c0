import * as assert from 'node:assert/strict';
import { joinSentences } from '../../../../src/app/presentation/sentences';

describe('joinSentences: sentences translated one by one, joined as their language writes them', () => {
	it('English: one space between sentences', () =>
		assert.equal(
			joinSentences('WeChat no longer accepts the token.', 'Fetch again.'),
			'WeChat no longer accepts the token. Fetch again.',
		));
	it('Chinese: nothing after a full-width mark, which carries its own spacing', () => {
		assert.equal(
			joinSentences('微信已不再接受“商城”的令牌（errcode 40001）。', '普通请求会返回当前有效的令牌。'),
			'微信已不再接受“商城”的令牌（errcode 40001）。普通请求会返回当前有效的令牌。',
		);
		assert.equal(joinSentences('今天还剩 10 次！', '每 60 秒最多 5 次。'), '今天还剩 10 次！每 60 秒最多 5 次。');
	});
	it('leaves out empty parts, and joins more than two', () => {
		assert.equal(joinSentences('One.', '', 'Two.', 'Three.'), 'One. Two. Three.');
		assert.equal(joinSentences('', 'Only.'), 'Only.');
		assert.equal(joinSentences(), '');
	});
});
