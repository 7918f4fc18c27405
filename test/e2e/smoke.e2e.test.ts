/**
 * Proves the harness: the packed package is loaded by a real n8n as a community package (both node types and the
 * credential type are registered under `n8n-nodes-yandex-market.*`), the credential test passes against the
 * sandbox, a manual action workflow runs, and a published trigger workflow receives a notification that the
 * sandbox sends to its production URL.
 */
import { SANDBOX_KEYS, SANDBOX_SEED } from '../../sandbox';
import {
	ACTION_TYPE,
	TRIGGER_TYPE,
	byId,
	manualActionWorkflow,
	nodeOutput,
	triggerWorkflow,
	useE2E,
} from '../../harness';

const e2e = useE2E('smoke');

describe('harness smoke test', () => {
	it('registers both node types from the community package', async () => {
		// n8n answers with the descriptions of the requested `n8n-nodes-yandex-market.*` types (unknown types are
		// refused); the descriptions carry the package-local names.
		// (an unknown type makes n8n answer 400 "Unrecognized node type").
		const types = await e2e.n8n.nodeTypes([{ name: ACTION_TYPE }, { name: TRIGGER_TYPE }]);
		expect(types.map((t) => t.name).sort()).toEqual([
			'yandexMarketChats',
			'yandexMarketChatsTrigger',
		]);
		// The webhook path came from the trigger's own description.
		expect(e2e.n8n.connection.triggerWebhookPath).toBe('webhook');
	});

	it('passes the credential test against the sandbox and fails it with a revoked key', async () => {
		const ok = await e2e.n8n.testCredential(e2e.credentialData(SANDBOX_KEYS.communication));
		expect(ok.status).toBe('OK');
		const revoked = await e2e.n8n.testCredential(e2e.credentialData(SANDBOX_KEYS.revoked));
		expect(revoked.status).toBe('Error');
		const campaigns = await e2e.control.requests({ path: '/v2/campaigns' });
		expect(campaigns[0].status).toBe(200);
		expect(campaigns.length).toBeGreaterThan(1);
		expect(campaigns.slice(1).every((r) => r.status === 401)).toBe(true);
	});

	it('runs a manual action workflow against the sandbox', async () => {
		await e2e.control.clearRequests();
		const result = await e2e.n8n.runWorkflow(
			manualActionWorkflow(
				{
					resource: 'chat',
					operation: 'getAll',
					businessId: byId(SANDBOX_SEED.businessId),
					returnAll: false,
					limit: 3,
				},
				e2e.credential,
			),
		);
		expect({ status: result.status, error: result.error }).toEqual({
			status: 'success',
			error: undefined,
		});
		expect(nodeOutput(result, 'Yandex Market')).toHaveLength(3);
		const requests = await e2e.control.requests();
		expect(requests.length).toBeGreaterThan(0);
		expect(requests.every((r) => r.valid && r.status === 200)).toBe(true);
	});

	it('starts a published trigger workflow from a notification sent by the sandbox', async () => {
		const { workflow, webhookId } = triggerWorkflow({ events: ['CHAT_CREATED'] }, undefined);
		const id = await e2e.n8n.createWorkflow(workflow);
		await e2e.n8n.activate(id);
		const chatId = SANDBOX_SEED.bigChatId;
		const deliveries = await e2e.control.notify({
			type: 'CHAT_CREATED',
			chatId,
			url: e2e.n8n.webhookUrl(webhookId),
		});
		expect(deliveries.map((d) => [d.status, d.ok])).toEqual([[200, true]]);
		const [execution] = await e2e.n8n.waitForExecutions(id, 1, 30000);
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		expect(nodeOutput(execution, 'Done')[0]).toMatchObject({ chatId });
	});
});
