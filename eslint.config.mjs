// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Code that must run in plain Node (the client, the logic above it, and the sandbox) never imports `vscode`. */
const noVscodeImport = {
	'no-restricted-imports': [
		'error',
		{ paths: [{ name: 'vscode', message: 'This layer runs in plain Node; adapt it in src/vscode/ instead.' }] },
	],
};

export default tseslint.config(
	{ ignores: ['dist/', 'out/', 'node_modules/', '.vscode-test/', '*.vsix', 'esbuild.js', 'eslint.config.mjs'] },
	js.configs.recommended,
	...tseslint.configs.recommendedTypeChecked,
	{
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			'no-restricted-syntax': [
				'error',
				{ selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
			],
			eqeqeq: ['error', 'always'],
		},
	},
	{ files: ['src/core/**/*.ts', 'src/app/**/*.ts', 'test/sandbox/**/*.ts'], rules: noVscodeImport },
	{
		files: ['test/**/*.ts'],
		rules: {
			// mocha's describe/it return values are not promises to await.
			'@typescript-eslint/no-floating-promises': 'off',
		},
	},
	{
		files: ['scripts/**/*.{js,mjs}', '*.js'],
		...tseslint.configs.disableTypeChecked,
		languageOptions: { globals: { require: 'readonly', process: 'readonly', console: 'readonly', module: 'writable', __dirname: 'readonly' } },
	},
);
