import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, HAS_APPS_CONTEXT_KEY, WALKTHROUGH_ID } from '../../../src/vscode/commandIds';

const root = path.resolve(__dirname, '../../..');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as T;

interface Step {
	id: string;
	title: string;
	description: string;
	media: { image: string; altText: string };
	completionEvents: string[];
}
interface Manifest {
	extensionKind: string[];
	contributes: {
		walkthroughs: { id: string; title: string; steps: Step[] }[];
		configuration: { properties: Record<string, unknown> };
	};
}

const manifest = readJson<Manifest>('package.json');
const nls = {
	en: readJson<Record<string, string>>('package.nls.json'),
	zh: readJson<Record<string, string>>('package.nls.zh-cn.json'),
};
const commandIds = new Set<string>(COMMANDS.map((command) => command.id));
const walkthrough = manifest.contributes.walkthroughs.find((candidate) => candidate.id === WALKTHROUGH_ID);
const text = (key: string, language: 'en' | 'zh'): string =>
	nls[language][key.slice(1, -1)] ?? assert.fail(`no ${key}`);

/** Issue 23: the walkthrough's steps run real commands, complete on real events, and show packaged pictures. */
describe('the walkthrough and the gallery manifest', () => {
	it('runs where the workspace is, on purpose (the IP WeChat whitelists is that machine’s)', () => {
		assert.deepEqual(manifest.extensionKind, ['workspace']);
	});

	it('has the six steps of issue 23, in order', () => {
		assert.deepEqual(
			walkthrough?.steps.map((step) => step.id),
			['chooseSource', 'addApp', 'getToken', 'checkToken', 'useToken', 'logAndSettings'],
		);
	});

	it('every step completes on something the user does: a command that exists, a context key set, a setting', () => {
		const settings = new Set(Object.keys(manifest.contributes.configuration.properties));
		for (const step of walkthrough?.steps ?? []) {
			assert.ok(step.completionEvents.length > 0, step.id);
			for (const event of step.completionEvents) {
				const [kind, name = ''] = event.split(/:(.*)/s);
				if (kind === 'onCommand') {
					assert.ok(commandIds.has(name), `${step.id}: ${event}`);
				} else if (kind === 'onContext') {
					assert.equal(name, HAS_APPS_CONTEXT_KEY, `${step.id}: ${event}`);
				} else {
					assert.equal(kind, 'onSettingChanged', `${step.id}: ${event}`);
					assert.ok(settings.has(name), `${step.id}: ${event}`);
				}
			}
		}
	});

	it('every button in a step runs a contributed command, in both languages, and the step completes on one of them', () => {
		for (const step of walkthrough?.steps ?? []) {
			for (const language of ['en', 'zh'] as const) {
				const links = [...text(step.description, language).matchAll(/\]\(command:([\w.]+)\)/g)].map(
					(match) => match[1] ?? '',
				);
				assert.ok(links.length > 0, `${step.id} (${language}) has a button`);
				links.forEach((id) => assert.ok(commandIds.has(id), `${step.id}: ${id}`));
			}
		}
	});

	it('every step’s picture exists and is in the package (.vscodeignore), with its alt text in both languages', () => {
		const packaged = fs
			.readFileSync(path.join(root, '.vscodeignore'), 'utf8')
			.split('\n')
			.filter((line) => line.startsWith('!'))
			.map((line) => new RegExp(`^${line.slice(1).replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`));
		for (const step of walkthrough?.steps ?? []) {
			assert.ok(fs.existsSync(path.join(root, step.media.image)), step.media.image);
			assert.ok(
				packaged.some((pattern) => pattern.test(step.media.image)),
				`${step.media.image} is packaged`,
			);
			assert.notEqual(text(step.media.altText, 'en'), text(step.media.altText, 'zh'));
		}
	});
});
