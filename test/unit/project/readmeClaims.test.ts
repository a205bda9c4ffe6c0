import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXPLAINED_ERRCODES } from '../../../src/app/health/wechatErrcodes';
import { API_CATALOG } from '../../../src/app/wechatApi/apiCatalog';
import { CAUSE_KINDS } from '../../../src/core/jssdk/signatureDiagnosis';

const README = readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

/** What the README says the extension covers is what the code holds: a list changed in one place fails here. */
describe('README: the lists it states are the code’s', () => {
	it('the errcodes explained in both languages', () => {
		const listed = /Errcodes explained in both languages: ([-\d, ]+)\./.exec(README)?.[1] ?? assert.fail('no list');
		assert.deepEqual(
			listed.split(',').map((code) => Number(code.trim())),
			[...EXPLAINED_ERRCODES],
		);
	});

	it('the number of calls in the API request catalog', () => {
		const stated = /a catalog of (\d+) common calls/.exec(README)?.[1] ?? assert.fail('no count');
		assert.equal(Number(stated), API_CATALOG.length);
		assert.match(README, new RegExp(`提供 ${API_CATALOG.length} 个常用接口模板`));
	});

	it('the causes the signature diagnosis tries, one table row each', () => {
		const lines = README.slice(README.indexOf('| cause | found when |')).split('\n');
		// The header and its rule, then the rows up to the first line that is not one.
		const end = lines.findIndex((line, index) => index > 1 && !line.trim().startsWith('|'));
		const body = lines.slice(2, end);
		assert.equal(body.length, CAUSE_KINDS.length, body.join('\n'));
	});
});
