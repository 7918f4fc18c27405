// Mirrors the configuration of n8n's verification scanner and `n8n-node lint` (@n8n/node-cli 0.48):
// @n8n/eslint-plugin-community-nodes `recommended` (cloud rules included) plus the eslint-plugin-n8n-nodes-base
// community/credentials/nodes rule sets with the same exemptions. Applied to package.json, nodes, credentials and
// tests. The dev tools (sandbox, harness, scripts, bench) are not shipped and run outside n8n: they get the
// general TypeScript rules only, because they must spawn processes and read the environment.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';
import { globalIgnores } from 'eslint/config';

const communityRecommended = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
	globalIgnores(['dist', 'node_modules', 'coverage', '**/*.js', '!index.js', '!gulpfile.js']),
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'test/**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended, communityRecommended],
		rules: {
			'prefer-spread': 'off',
			'no-console': 'error',
		},
	},
	{
		plugins: { 'n8n-nodes-base': n8nNodesBase },
	},
	{
		files: ['package.json'],
		extends: [communityRecommended],
		rules: { ...n8nNodesBase.configs.community.rules },
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		files: [
			'sandbox/**/*.ts',
			'standins/**/*.ts',
			'harness/**/*.ts',
			'bench/**/*.ts',
			'scripts/**/*.ts',
		],
		extends: [js.configs.recommended, tseslint.configs.recommended],
	},
	{
		files: ['index.js', 'gulpfile.js'],
		extends: [js.configs.recommended],
		languageOptions: {
			sourceType: 'commonjs',
			globals: { require: 'readonly', module: 'writable', exports: 'writable' },
		},
	},
);
