// The README for tests that check documentation links (test files may not read files themselves).
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './paths';

export function readmeText(): string {
	return fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
}
