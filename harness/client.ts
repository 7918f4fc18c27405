// HTTP client of a running n8n (public API with X-N8N-API-KEY, plus the editor's REST API with the owner's
// cookie for manual runs). It holds no process handles, so jest test files (which run in their own module
// registry) rebuild it from the connection info that the global setup wrote.
import { TRIGGER_TYPE } from './paths';
import type { Workflow, WorkflowNode } from './workflows';

export interface N8nConnection {
	mode: 'regular' | 'queue';
	line: string;
	n8nVersion: string;
	baseUrl: string;
	/** Base URL that serves production webhooks (the webhook process in queue mode). */
	webhookBaseUrl: string;
	/** Queue mode: the base URL of every webhook process (StartN8nOptions.webhookProcesses); the first is webhookBaseUrl. */
	webhookProcessUrls?: string[];
	apiKey: string;
	cookie: string;
	credentialId: string;
	credentialName: string;
	owner: { email: string; password: string };
	logFiles: Record<string, string>;
	/** Webhook path of the trigger node (its description's webhooks[0].path). */
	triggerWebhookPath: string;
}

export interface Execution {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished: boolean;
	startedAt?: string;
	stoppedAt?: string | null;
	data?: {
		resultData?: {
			runData?: Record<string, NodeRun[]>;
			error?: { message?: string; description?: string; name?: string; httpCode?: string };
			lastNodeExecuted?: string;
		};
	};
	[key: string]: unknown;
}

export interface NodeRun {
	startTime?: number;
	executionTime?: number;
	executionStatus?: string;
	error?: {
		message?: string;
		description?: string;
		name?: string;
		httpCode?: string;
		[key: string]: unknown;
	};
	data?: {
		main?: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, unknown> }> | null>;
	};
	[key: string]: unknown;
}

export interface RunResult {
	executionId: string;
	status: string;
	/** Run data per node name. */
	runData: Record<string, NodeRun[]>;
	/** The workflow's error message (first failing node), if any. */
	error?: string;
	/** n8n refused to start the run (no execution; n8n 2.8.4 does this for parameter issues). */
	refused?: boolean;
	execution: Execution;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

function sleep(ms: number) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Triggers of n8n's own whose webhook path is fixed in their description rather than a `path` parameter. */
const FIXED_WEBHOOK_PATHS: Record<string, string> = { 'n8n-nodes-base.telegramTrigger': 'webhook' };

export class N8nClient {
	constructor(readonly connection: N8nConnection) {}

	get baseUrl() {
		return this.connection.baseUrl;
	}
	get credentialId() {
		return this.connection.credentialId;
	}
	get mode() {
		return this.connection.mode;
	}

	/** Production webhook URL: /webhook/<webhookId>/<path>. */
	webhookUrl(webhookId: string, path = this.connection.triggerWebhookPath): string {
		return `${this.connection.webhookBaseUrl.replace(/\/$/, '')}/webhook/${webhookId}/${path}`;
	}

	/** Production URL of a node whose webhook path is the whole path (n8n's Webhook node): /webhook/<path>. */
	fullPathWebhookUrl(path: string): string {
		return `${this.connection.webhookBaseUrl.replace(/\/$/, '')}/webhook/${path}`;
	}

	/** Test webhook URL (only registered while the editor waits for a test event). */
	testWebhookUrl(webhookId: string, path = this.connection.triggerWebhookPath): string {
		return `${this.connection.baseUrl.replace(/\/$/, '')}/webhook-test/${webhookId}/${path}`;
	}

	async request<T = unknown>(
		method: string,
		route: string,
		body?: unknown,
		auth: 'api' | 'cookie' = 'api',
	): Promise<T> {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (auth === 'api') headers['x-n8n-api-key'] = this.connection.apiKey;
		else headers.cookie = this.connection.cookie;
		const res = await fetch(`${this.connection.baseUrl}${route}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok)
			throw new Error(`n8n ${method} ${route} -> HTTP ${res.status}: ${text.slice(0, 2000)}`);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	/**
	 * Descriptions of node types as the editor loads them (POST /rest/node-types). A type missing from the
	 * answer is not registered in this n8n.
	 */
	async nodeTypes(
		types: Array<{ name: string; version?: number }>,
	): Promise<
		Array<{ name: string; version: number | number[]; displayName: string; [key: string]: unknown }>
	> {
		const res = await this.request<{
			data: Array<{ name: string; version: number | number[]; displayName: string }>;
		}>(
			'POST',
			'/rest/node-types',
			{ nodeInfos: types.map((t) => ({ name: t.name, version: t.version ?? 1 })) },
			'cookie',
		);
		return res.data;
	}

	/** Public API: creates the workflow (only name, nodes, connections, settings are sent) and returns its id. */
	async createWorkflow(workflow: Workflow): Promise<string> {
		const created = await this.request<{ id: string }>('POST', '/api/v1/workflows', {
			name: workflow.name,
			nodes: workflow.nodes,
			connections: workflow.connections,
			settings: workflow.settings ?? { executionOrder: 'v1' },
		});
		return created.id;
	}

	async getWorkflow(id: string): Promise<Workflow & { id: string; active: boolean }> {
		return await this.request('GET', `/api/v1/workflows/${id}`);
	}

	async deleteWorkflow(id: string): Promise<void> {
		await this.request('DELETE', `/api/v1/workflows/${id}`);
	}

	/** Public API credential (for extra credentials a test needs, e.g. with a revoked key). Returns its id. */
	async createCredential(
		name: string,
		data: Record<string, unknown>,
		type = 'yandexMarketApi',
	): Promise<string> {
		const created = await this.request<{ id: string }>('POST', '/api/v1/credentials', {
			name,
			type,
			data,
		});
		return created.id;
	}

	/**
	 * Editor REST API credential test (what the "Test" button does). Resolves to n8n's answer,
	 * `{ status: 'OK' | 'Error', message }`.
	 */
	async testCredential(
		data: Record<string, unknown>,
		type = 'yandexMarketApi',
	): Promise<{ status: string; message: string }> {
		const res = await this.request<{ data: { status: string; message: string } }>(
			'POST',
			'/rest/credentials/test',
			{ credentials: { id: this.credentialId, name: 'test', type, data } },
			'cookie',
		);
		return res.data;
	}

	/**
	 * Publishes (activates) the workflow through the public API, then waits until each trigger webhook is
	 * registered on the process that serves production webhooks (the first POST right after activation can 404).
	 */
	async activate(id: string, timeoutMs = 30000): Promise<void> {
		await this.request('POST', `/api/v1/workflows/${id}/activate`);
		const workflow = await this.getWorkflow(id);
		// Only triggers: n8n also gives webhook ids to action nodes that can wait for a reply (Telegram's
		// "send and wait"), which register nothing on activation.
		const triggers = workflow.nodes.filter(
			(n) =>
				n.webhookId &&
				(n.type === TRIGGER_TYPE ||
					n.type in FIXED_WEBHOOK_PATHS ||
					n.type === 'n8n-nodes-base.webhook'),
		);
		for (const node of triggers) {
			await this.waitForWebhook(node, timeoutMs);
		}
	}

	async deactivate(id: string): Promise<void> {
		await this.request('POST', `/api/v1/workflows/${id}/deactivate`);
	}

	/**
	 * A CORS preflight (OPTIONS with an Origin header) makes n8n look the path up without starting an execution:
	 * 204 once the webhook is registered, an error status before.
	 */
	async waitForWebhook(node: WorkflowNode, timeoutMs = 30000): Promise<void> {
		const path =
			node.type === TRIGGER_TYPE
				? this.connection.triggerWebhookPath
				: (FIXED_WEBHOOK_PATHS[node.type] ?? String(node.parameters?.path ?? ''));
		// n8n's Webhook node declares isFullPath: its URL is /webhook/<path>, without the webhook id.
		const url =
			node.type === 'n8n-nodes-base.webhook'
				? this.fullPathWebhookUrl(path)
				: this.webhookUrl(String(node.webhookId), path);
		const started = Date.now();
		let last = '';
		while (Date.now() - started < timeoutMs) {
			try {
				const res = await fetch(url, {
					method: 'OPTIONS',
					headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
				});
				last = `HTTP ${res.status} ${await res.text()}`;
				if (res.status >= 200 && res.status < 300) return;
			} catch (error) {
				last = (error as Error).message;
			}
			await sleep(100);
		}
		throw new Error(
			`Webhook ${url} was not registered within ${timeoutMs} ms (last: ${last.slice(0, 300)})`,
		);
	}

	/**
	 * Runs a workflow the way the editor's "Execute workflow" button does (POST /rest/workflows/:id/run from
	 * its first trigger node), waits for it to finish and returns the status, run data per node and the error.
	 */
	async runWorkflow(workflowOrId: Workflow | string, timeoutMs = 60000): Promise<RunResult> {
		const id =
			typeof workflowOrId === 'string' ? workflowOrId : await this.createWorkflow(workflowOrId);
		const workflow = await this.getWorkflow(id);
		const trigger =
			workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger') ??
			workflow.nodes.find((n) => /trigger/i.test(n.type));
		if (!trigger) throw new Error(`Workflow ${id} has no trigger node to start from`);
		let res: { data: { executionId?: string; waitingForWebhook?: boolean } };
		try {
			res = await this.request(
				'POST',
				`/rest/workflows/${id}/run`,
				{ workflowData: workflow, triggerToStartFrom: { name: trigger.name } },
				'cookie',
			);
		} catch (error) {
			// n8n 2.8.4 refuses a workflow with parameter issues (e.g. a resource locator value that fails its
			// regex) with HTTP 500 and no execution; 2.41 runs it and stores a failed execution with the details.
			const refused = /The workflow has issues[^"]*/.exec((error as Error).message);
			if (!refused) throw error;
			const execution: Execution = {
				id: '',
				workflowId: id,
				mode: 'manual',
				status: 'error',
				finished: false,
			};
			return {
				executionId: '',
				status: 'error',
				runData: {},
				error: refused[0],
				refused: true,
				execution,
			};
		}
		const executionId = res.data?.executionId;
		if (!executionId) throw new Error(`n8n did not start workflow ${id}: ${JSON.stringify(res)}`);
		const execution = await this.waitForExecution(executionId, timeoutMs);
		return toRunResult(execution);
	}

	async getExecution(executionId: string): Promise<Execution> {
		return await this.request<Execution>(
			'GET',
			`/api/v1/executions/${executionId}?includeData=true`,
		);
	}

	async waitForExecution(executionId: string, timeoutMs = 60000): Promise<Execution> {
		const started = Date.now();
		let finishedWithoutData: number | undefined;
		for (;;) {
			try {
				const execution = await this.getExecution(executionId);
				if (
					FINISHED.has(execution.status) ||
					(execution.finished && execution.status !== 'running')
				) {
					// n8n 1.123 marks a manual run finished a moment before it stores its run data (the public API
					// then answers without data): give the data up to 5 s to arrive.
					if (execution.data?.resultData) return execution;
					finishedWithoutData ??= Date.now();
					if (Date.now() - finishedWithoutData > 5000) return execution;
				}
			} catch (error) {
				if (!/HTTP 404/.test((error as Error).message)) throw error;
			}
			if (Date.now() - started > timeoutMs)
				throw new Error(`Execution ${executionId} did not finish within ${timeoutMs} ms`);
			await sleep(150);
		}
	}

	async listExecutions(workflowId: string, includeData = true): Promise<Execution[]> {
		const all: Execution[] = [];
		let cursor: string | undefined;
		do {
			const qs = new URLSearchParams({
				workflowId,
				includeData: String(includeData),
				limit: '250',
			});
			if (cursor) qs.set('cursor', cursor);
			const page = await this.request<{ data: Execution[]; nextCursor?: string | null }>(
				'GET',
				`/api/v1/executions?${qs}`,
			);
			all.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return all.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/**
	 * Waits until the workflow has at least `n` finished executions; returns them (with data), oldest first.
	 */
	async waitForExecutions(workflowId: string, n: number, timeoutMs = 30000): Promise<Execution[]> {
		const started = Date.now();
		let seen: Execution[] = [];
		for (;;) {
			seen = await this.listExecutions(workflowId, false);
			const finished = seen.filter((e) => FINISHED.has(e.status));
			if (finished.length >= n) {
				return await Promise.all(finished.map((e) => this.getExecution(e.id)));
			}
			if (Date.now() - started > timeoutMs) {
				throw new Error(
					`Workflow ${workflowId}: ${finished.length}/${n} finished executions after ${timeoutMs} ms ` +
						`(statuses: ${seen.map((e) => e.status).join(', ') || 'none'})`,
				);
			}
			await sleep(200);
		}
	}
}

export function toRunResult(execution: Execution): RunResult {
	const resultData = execution.data?.resultData ?? {};
	const runData = resultData.runData ?? {};
	let error = resultData.error?.message;
	if (!error) {
		for (const runs of Object.values(runData)) {
			const failed = runs.find((r) => r.error?.message);
			if (failed) {
				error = failed.error?.message;
				break;
			}
		}
	}
	return { executionId: String(execution.id), status: execution.status, runData, error, execution };
}

/** The output items (json) of a node's first run, first output. */
export function nodeOutput(
	result: RunResult | Execution,
	nodeName: string,
	output = 0,
): Array<Record<string, unknown>> {
	const runData: Record<string, NodeRun[]> =
		'executionId' in result
			? (result as RunResult).runData
			: ((result as Execution).data?.resultData?.runData ?? {});
	const runs = runData[nodeName];
	if (!runs?.length)
		throw new Error(`Node "${nodeName}" did not run (ran: ${Object.keys(runData).join(', ')})`);
	return (runs[0].data?.main?.[output] ?? []).map((item) => item.json);
}
