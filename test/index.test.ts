/** index.js, the package's main entry, exposes every credential and node that package.json registers with n8n. */
import { readRepoFile } from '../harness/docs';
import pkg from '../package.json';

describe('index.js', () => {
	const entry = readRepoFile('index.js');
	const required = [...entry.matchAll(/require\('\.\/([^']+)'\)/g)].map((m) => m[1]);

	it('requires exactly the credentials and nodes of package.json', () => {
		expect([...required].sort()).toEqual([...pkg.n8n.credentials, ...pkg.n8n.nodes].sort());
	});
});
