// Three layers: unit (mocked n8n contexts, fast), integration (real HTTP over loopback against the sandbox,
// with n8n-core's real request helpers) and e2e (a real n8n process; run by scripts/e2e.sh).
const tsJest = [
	'ts-jest',
	{ tsconfig: '<rootDir>/tsconfig.test.json', diagnostics: { warnOnly: false } },
];
const common = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	moduleFileExtensions: ['ts', 'js', 'json'],
	clearMocks: true,
	// The build's copy of package.json would collide with the root one in jest's module map.
	modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
	projects: [
		{
			...common,
			displayName: 'unit',
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: ['\\.int\\.test\\.ts$', '\\.e2e\\.test\\.ts$'],
		},
		{ ...common, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.int.test.ts'] },
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'] },
	],
};
