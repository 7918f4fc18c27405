/**
 * The shipped example workflows (examples/*.json), unchanged except for the credential reference, in a real n8n.
 * Under YM_E2E_MODE=queue (scripts/e2e-queue.sh) the same tests run on a main + worker + webhook setup with Redis
 * and PostgreSQL, and additionally show that the triggered execution ran on the worker.
 */
import { SANDBOX_SEED } from '../../sandbox';
import { loadExample, nodeOutput, useE2E } from '../../harness';

const e2e = useE2E('examples');

describe('example workflows', () => {
	it('"list chats waiting for a reply" returns only chats waiting for the seller', async () => {
		await e2e.control.clearRequests();
		const result = await e2e.n8n.runWorkflow(
			loadExample('list-chats-waiting-for-reply.json', e2e.credential),
		);
		expect({ status: result.status, error: result.error }).toEqual({
			status: 'success',
			error: undefined,
		});
		const chats = nodeOutput(result, 'Chats waiting for a reply');
		expect(chats.length).toBeGreaterThan(0);
		expect(chats.every((chat) => chat.status === 'WAITING_FOR_PARTNER')).toBe(true);
		const requests = await e2e.control.requests({ method: 'POST' });
		expect(requests.length).toBeGreaterThan(0);
		for (const request of requests) {
			expect(request).toMatchObject({
				valid: true,
				status: 200,
				path: `/v2/businesses/${SANDBOX_SEED.businessId}/chats`,
			});
			expect(request.body).toMatchObject({ statuses: ['WAITING_FOR_PARTNER'] });
		}
	});

	it('"auto-reply to buyer messages" answers a buyer message in the same chat', async () => {
		const workflow = loadExample('auto-reply-to-buyer-messages.json', e2e.credential);
		const trigger = workflow.nodes.find((n) => n.webhookId);
		const id = await e2e.n8n.createWorkflow(workflow);
		await e2e.n8n.activate(id);
		// The sandbox notifies the trigger's production URL for every chat message, like Yandex does.
		await e2e.control.setNotifier({
			url: e2e.n8n.webhookUrl(String(trigger?.webhookId)),
			autoNotify: true,
		});
		await e2e.control.clearRequests();

		const chatId = SANDBOX_SEED.orderChatId;
		const written = await e2e.control.customerMessage(chatId, { text: 'Where is my order?' });
		expect(written.deliveries.map((d) => [d.status, d.ok])).toEqual([[200, true]]);

		const [execution] = await e2e.n8n.waitForExecutions(id, 1, 60000);
		expect({ status: execution.status, mode: execution.mode }).toEqual({
			status: 'success',
			mode: 'webhook',
		});
		expect(nodeOutput(execution, 'New buyer message')[0]).toMatchObject({
			chatId,
			sender: 'CUSTOMER',
		});
		const sends = await e2e.control.requests({
			method: 'POST',
			path: `/v2/businesses/${SANDBOX_SEED.businessId}/chats/message`,
		});
		expect(
			sends.map((r) => [r.valid, r.status, (r.query as Record<string, unknown>).chatId]),
		).toEqual([[true, 200, chatId]]);

		// The seller's own reply also notifies, but Senders = Customer keeps the workflow from answering itself.
		const chat = await e2e.control.chat(chatId);
		expect(chat.messages.at(-1)).toMatchObject({ sender: 'PARTNER' });
		const executions = await e2e.n8n.listExecutions(id, false);
		expect(executions.filter((e) => e.status === 'success')).toHaveLength(executions.length);

		if (e2e.mode === 'queue') {
			// Production executions run on the worker, not on main or the webhook process.
			const worker = e2e.readLog('worker');
			expect(worker).toContain(`Worker started execution ${execution.id} `);
			expect(worker).toContain(`Worker finished execution ${execution.id} `);
			expect(e2e.readLog('main')).not.toContain(`started execution ${execution.id} `);
		}
		await e2e.n8n.deactivate(id);
	});
});
