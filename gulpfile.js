// tsc does not copy assets: the node and credential icons (and any shared icons folder) are copied into dist
// next to the compiled classes, because n8n resolves `file:` icons relative to the compiled .js file.
const { src, dest, parallel } = require('gulp');

function copyNodeIcons() {
	return src('nodes/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/nodes'));
}

function copyCredentialIcons() {
	return src('credentials/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/credentials'));
}

function copySharedIcons() {
	return src('icons/**/*.{png,svg}', { encoding: false, allowEmpty: true }).pipe(
		dest('dist/icons'),
	);
}

exports['build:icons'] = parallel(copyNodeIcons, copyCredentialIcons, copySharedIcons);
