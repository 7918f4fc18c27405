// Runs the JavaScript of a template's Code node ("Run Once for Each Item") on one item, outside n8n, with the few
// variables the templates' code uses: $json, $input.item, and $('<node>').item / .itemMatching() from `nodes`. For
// table tests of a template's decisions (a fast layer; the e2e suites run the same code in a real n8n). It lives here
// because the test files' lint rules (n8n's) forbid evaluating code.
import * as vm from 'vm';
import type { Workflow } from './workflows';

type Json = Record<string, unknown>;

export function runCodeNode(
	workflow: Workflow,
	name: string,
	json: Json,
	nodes: Record<string, Json> = {},
): Json {
	const node = workflow.nodes.find((n) => n.name === name);
	if (!node || typeof node.parameters.jsCode !== 'string')
		throw new Error(`${workflow.name}: no Code node named ${name}`);
	const $ = (other: string) => {
		if (!(other in nodes))
			throw new Error(`${name} reads $('${other}'), which the test did not give`);
		return { item: { json: nodes[other] }, itemMatching: () => ({ json: nodes[other] }) };
	};
	const fn = vm.runInNewContext(
		`(function ($json, $, $input) {\n${node.parameters.jsCode}\n})`,
		{},
		{
			filename: `${name}.js`,
		},
	) as (...args: unknown[]) => { json: Json };
	return fn(json, $, { item: { json } }).json;
}
