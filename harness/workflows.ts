// Builders for workflow JSON, so e2e tests stay short. Node types are the community-package names
// (`n8n-nodes-yandex-market.<name>`), exactly what a user's workflow contains after a community install.
import { randomUUID } from 'crypto';
import { ACTION_TYPE, CREDENTIAL_TYPE, POLL_TRIGGER_TYPE, TRIGGER_TYPE } from './paths';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	[key: string]: unknown;
}

export interface Workflow {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	/** Per source node and connection type (main, ai_tool, ai_languageModel, ...): outputs -> targets. */
	connections: Record<
		string,
		Record<string, Array<Array<{ node: string; type: string; index: number }>>>
	>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface CredentialRef {
	id: string;
	name: string;
}

export { ACTION_TYPE, POLL_TRIGGER_TYPE, TRIGGER_TYPE };

/** A `{ __rl: true, mode: 'id', value }` resource locator value. */
export function byId(value: string | number) {
	return { __rl: true, mode: 'id', value: String(value) };
}

export function node(
	name: string,
	type: string,
	parameters: Record<string, unknown> = {},
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return { id: randomUUID(), name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}

export function actionNode(
	parameters: Record<string, unknown>,
	credential: CredentialRef,
	options: { name?: string; typeVersion?: number } = {},
): WorkflowNode {
	return node(options.name ?? 'Yandex Market', ACTION_TYPE, parameters, {
		typeVersion: options.typeVersion ?? 1,
		credentials: { [CREDENTIAL_TYPE]: credential },
	});
}

export function triggerNode(
	parameters: Record<string, unknown>,
	credential: CredentialRef | undefined,
	options: { name?: string; webhookId?: string; typeVersion?: number } = {},
): WorkflowNode {
	return node(options.name ?? 'Yandex Market Trigger', TRIGGER_TYPE, parameters, {
		typeVersion: options.typeVersion ?? 1,
		webhookId: options.webhookId ?? randomUUID(),
		...(credential ? { credentials: { [CREDENTIAL_TYPE]: credential } } : {}),
	});
}

/** Connects the nodes in a straight line (positions spread left to right). */
export function chain(name: string, nodes: WorkflowNode[]): Workflow {
	const connections: Workflow['connections'] = {};
	nodes.forEach((n, i) => {
		n.position = [i * 240, 0];
		if (i > 0)
			connections[nodes[i - 1].name] = { main: [[{ node: n.name, type: 'main', index: 0 }]] };
	});
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** Manual Trigger -> Yandex Market action node with `parameters`. */
export function manualActionWorkflow(
	parameters: Record<string, unknown>,
	credential: CredentialRef,
	options: { name?: string; nodeName?: string } = {},
): Workflow {
	return chain(options.name ?? `e2e action ${randomUUID().slice(0, 8)}`, [
		node('Start', 'n8n-nodes-base.manualTrigger'),
		actionNode(parameters, credential, { name: options.nodeName }),
	]);
}

/** Yandex Market trigger with `parameters` -> No Operation node ("Done"). Returns the workflow and its webhookId. */
export function triggerWorkflow(
	parameters: Record<string, unknown>,
	credential: CredentialRef | undefined,
	options: { name?: string; nodeName?: string; webhookId?: string; then?: WorkflowNode[] } = {},
): { workflow: Workflow; webhookId: string } {
	// Resolve Details is on by default and needs the credential: a trigger built without one is a contract test of
	// the notifications alone, so it says Resolve Details off unless the test chose.
	const settings =
		credential || 'resolveDetails' in parameters
			? parameters
			: { resolveDetails: false, ...parameters };
	const trigger = triggerNode(settings, credential, {
		name: options.nodeName,
		webhookId: options.webhookId,
	});
	const rest = options.then ?? [node('Done', 'n8n-nodes-base.noOp')];
	return {
		workflow: chain(options.name ?? `e2e trigger ${randomUUID().slice(0, 8)}`, [trigger, ...rest]),
		webhookId: String(trigger.webhookId),
	};
}

/**
 * Poll Times that check every `seconds` seconds: one Custom cron per offset within the minute. n8n refuses a single
 * poll time that fires more than once a minute, but each of these fires once a minute at its own second.
 */
export function pollEvery(seconds: number) {
	const item = [];
	for (let s = 0; s < 60; s += seconds)
		item.push({ mode: 'custom', cronExpression: `${s} * * * * *` });
	return { item };
}

/**
 * The swap a template's checklist describes for a shop without a public URL: its Yandex Market Chats Trigger replaced,
 * in place, by a Yandex Market Chats Poll Trigger of the same name (so every reference to it still holds), id,
 * position and credential, with the same events (and senders, where set), the business From List, polling
 * every `pollSeconds`. Returns the trigger's name.
 */
export function swapInPollTrigger(
	workflow: Workflow,
	options: { businessId: string; pollSeconds: number },
): string {
	const index = workflow.nodes.findIndex((n) => n.type === TRIGGER_TYPE);
	if (index < 0) throw new Error(`${workflow.name} has no ${TRIGGER_TYPE}`);
	const hook = workflow.nodes[index];
	const { events, senders } = hook.parameters;
	workflow.nodes[index] = {
		id: hook.id,
		name: hook.name,
		type: POLL_TRIGGER_TYPE,
		typeVersion: 1,
		position: hook.position,
		parameters: {
			businessId: { __rl: true, mode: 'list', value: options.businessId },
			events,
			...(senders !== undefined ? { senders } : {}),
			// n8n allows no single poll time below a minute: several Custom times poll more often.
			pollTimes: pollEvery(options.pollSeconds),
		},
		credentials: hook.credentials,
	};
	return hook.name;
}

/** Yandex Market poll trigger with `parameters` (pollTimes default: every 20 s) -> No Operation node ("Done"). */
export function pollTriggerWorkflow(
	parameters: Record<string, unknown>,
	credential: CredentialRef,
	options: { name?: string; nodeName?: string; then?: WorkflowNode[] } = {},
): Workflow {
	const trigger = node(
		options.nodeName ?? 'Yandex Market Poll Trigger',
		POLL_TRIGGER_TYPE,
		{ pollTimes: pollEvery(20), ...parameters },
		{ credentials: { [CREDENTIAL_TYPE]: credential } },
	);
	const rest = options.then ?? [node('Done', 'n8n-nodes-base.noOp')];
	return chain(options.name ?? `e2e poll ${randomUUID().slice(0, 8)}`, [trigger, ...rest]);
}
