// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Code that must run in plain Node (the client, the logic above it, and the sandbox) never imports `vscode`. */
const noVscodeImport = {
	'no-restricted-imports': [
		'error',
		{ paths: [{ name: 'vscode', message: 'This layer runs in plain Node; adapt it in src/vscode/ instead.' }] },
	],
};

// import-x's TypeScript preset minus its legacy resolver setting (replaced by resolver-next below).
const { 'import-x/resolver': _legacyResolver, ...typescriptImportSettings } = importX.flatConfigs.typescript.settings;

/**
 * The layers, inward only: src/core -> src/app -> src/vscode -> src/services.ts (the composition root) ->
 * src/extension.ts (activation, which requires the services' bundle at run time). src/api is the public contract
 * other extensions copy, so it imports nothing of ours. `vscode` itself is kept out by noVscodeImport above.
 */
const layerZones = [
	{
		target: './src/core',
		from: ['./src/app', './src/vscode', './src/services.ts', './src/extension.ts'],
		message: 'src/core is the plain-Node client: it knows nothing of the layers above it.',
	},
	{
		target: './src/app',
		from: ['./src/vscode', './src/services.ts', './src/extension.ts'],
		message: 'src/app runs without VS Code: adapt it in src/vscode instead.',
	},
	{
		target: './src/vscode',
		from: ['./src/services.ts', './src/extension.ts'],
		message:
			'src/services.ts is the composition root and src/extension.ts activation: pass what you need in, do not import them.',
	},
	{
		target: './src/api',
		from: ['./src/core', './src/app', './src/vscode', './src/services.ts', './src/extension.ts'],
		message: 'src/api is copied into other extensions: it depends on nothing.',
	},
];

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
			'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
			eqeqeq: ['error', 'always'],
		},
	},
	{
		// Layers and cycles, resolved the way TypeScript resolves them (extensionless relative imports of .ts files).
		files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
		plugins: { 'import-x': importX },
		settings: {
			// import-x's TypeScript preset: which files it parses when it follows an import (without it .ts is skipped
			// and no-cycle sees nothing), and a resolver that reads tsconfig.json.
			...typescriptImportSettings,
			'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
		},
		rules: {
			// Cycles in src make load order matter and mean two modules are one concern; type-only imports do not count
			// (import-x ignores them: they vanish at run time).
			'import-x/no-cycle': 'error',
			// basePath: import-x defaults to process.cwd(), so an eslint started in a subfolder would match nothing.
			'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: layerZones }],
		},
	},
	{
		files: ['src/core/**/*.ts', 'src/app/**/*.ts', 'src/api/**/*.ts', 'test/sandbox/**/*.ts'],
		rules: noVscodeImport,
	},
	{
		// Notifications render `[label](command:…)` as a link that runs the command: messages hold text from outside, so
		// they go through src/vscode/notifications.ts, which makes them inert (issue 19).
		files: ['src/**/*.ts'],
		ignores: ['src/vscode/notifications.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{ selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
				{
					selector:
						'MemberExpression[property.name=/^(show(Error|Warning|Information)Message|withProgress)$/]',
					message:
						'Show notifications through src/vscode/notifications.ts: it makes text from outside inert.',
				},
			],
		},
	},
	{
		// Scripts share code with the tests through src/ or scripts/ (scripts/host starts code-server for the demo and
		// the suites alike), never by reaching into a suite's support; the sandbox server is the demo's backend.
		files: ['scripts/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/test/unit/**', '**/test/e2e/**', '**/test/integration/**'],
							message: 'Move what a script needs out of the suites (to src/ or scripts/).',
						},
					],
				},
			],
		},
	},
	{
		files: ['test/**/*.ts'],
		rules: {
			// mocha's describe/it return values are not promises to await.
			'@typescript-eslint/no-floating-promises': 'off',
		},
	},
	{
		// Plain CommonJS run as is: scripts, and the e2e fixture extension VS Code loads without a build.
		files: ['scripts/**/*.{js,mjs}', '*.js', 'test/e2e/fixtures/**/*.js'],
		...tseslint.configs.disableTypeChecked,
		languageOptions: {
			...tseslint.configs.disableTypeChecked.languageOptions,
			globals: {
				require: 'readonly',
				process: 'readonly',
				console: 'readonly',
				module: 'writable',
				__dirname: 'readonly',
			},
		},
		rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
	},
	{
		// Plain CommonJS extensions the e2e and bench runs install into code-server (never shipped, never type-checked).
		files: ['test/e2e/fixtures/**/*.js'],
		...tseslint.configs.disableTypeChecked,
		languageOptions: {
			...tseslint.configs.disableTypeChecked.languageOptions,
			sourceType: 'commonjs',
			globals: { require: 'readonly', exports: 'writable', console: 'readonly' },
		},
		rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
	},
);
