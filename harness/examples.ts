// The example workflows in examples/: loaded by npm start (CLI import) and by the e2e suite (public API).
import * as fs from 'fs';
import * as path from 'path';
import { CREDENTIAL_TYPE, REPO_ROOT } from './paths';
import type { CredentialRef, Workflow } from './workflows';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

export function exampleFiles(): string[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(EXAMPLES_DIR, f));
}

/**
 * An example workflow, with its Yandex Market credential references pointed at `credential` when given.
 */
export function loadExample(file: string, credential?: CredentialRef): Workflow {
	const full = path.isAbsolute(file) ? file : path.join(EXAMPLES_DIR, file);
	const workflow = JSON.parse(fs.readFileSync(full, 'utf8')) as Workflow;
	if (credential) {
		for (const node of workflow.nodes) {
			if (node.credentials?.[CREDENTIAL_TYPE])
				node.credentials[CREDENTIAL_TYPE] = { ...credential };
		}
	}
	return workflow;
}
