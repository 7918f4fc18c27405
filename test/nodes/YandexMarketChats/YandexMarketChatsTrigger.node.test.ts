import { COMMUNICATION_NOTIFICATION_TYPES } from '../../../nodes/YandexMarketChats/shared/communicationNotifications';
import { mock } from 'jest-mock-extended';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type { IHookFunctions, INode, INodeProperties, INodeTypes } from 'n8n-workflow';
import { YandexMarketChats } from '../../../nodes/YandexMarketChats/YandexMarketChats.node';
import { YandexMarketChatsTrigger } from '../../../nodes/YandexMarketChats/YandexMarketChatsTrigger.node';
import { MESSAGE_SENDERS } from '../../../nodes/YandexMarketChats/shared/contract';
import { CHAT_NOTIFICATION_TYPES } from '../../../nodes/YandexMarketChats/shared/notifications';
import codex from '../../../nodes/YandexMarketChats/YandexMarketChatsTrigger.node.json';
import pkg from '../../../package.json';
import { clearDedupCaches } from '../../../nodes/YandexMarketChats/trigger/dedup';
import { mockWebhookCtx } from '../../helpers/webhookContext';

const node = new YandexMarketChatsTrigger();
const { description } = node;
const prop = (name: string) =>
	description.properties.find((p) => p.name === name) as INodeProperties;

describe('YandexMarketChatsTrigger description', () => {
	it('is a version-1 trigger without inputs and not usable as a tool', () => {
		expect(description.name).toBe('yandexMarketChatsTrigger');
		expect(description.displayName).toBe('Yandex Market Chats Trigger');
		expect(description.group).toEqual(['trigger']);
		expect(description.version).toBe(1);
		expect(description.inputs).toEqual([]);
		expect(description.outputs).toEqual(['main']);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.icon).toEqual({
			light: 'file:yandexMarket.svg',
			dark: 'file:yandexMarket.dark.svg',
		});
	});

	it("listens on <path> and <path>/notification, answering on receipt with the node's own body", () => {
		expect(description.webhooks?.map((w) => w.path)).toEqual(['webhook', 'webhook/notification']);
		for (const w of description.webhooks ?? []) {
			expect(w).toMatchObject({ httpMethod: 'POST', responseMode: 'onReceived', responseData: '' });
		}
	});

	it('keeps n8n from parsing the body (hidden options.binaryData), which needs typeVersion 1', () => {
		expect(prop('options')).toMatchObject({ type: 'hidden', default: { binaryData: true } });
	});

	it('needs the credential only for Resolve Details', () => {
		expect(description.credentials).toEqual([
			{
				name: 'yandexMarketApi',
				required: true,
				// Not `show`: n8n 2.8 would hide Resolve Details as if it were an authentication selector.
				displayOptions: { hide: { resolveDetails: [false] } },
			},
		]);
		const [credential] = description.credentials ?? [];
		const withDefaults = (resolveDetails: boolean) =>
			NodeHelpers.getNodeParameters(
				description.properties,
				{ resolveDetails },
				true,
				false,
				null,
				description,
			);
		expect(
			NodeHelpers.displayParameter(withDefaults(false) ?? {}, credential, null, description),
		).toBe(false);
		expect(
			NodeHelpers.displayParameter(withDefaults(true) ?? {}, credential, null, description),
		).toBe(true);
		expect(prop('senders').displayOptions).toEqual({ show: { resolveDetails: [true] } });
	});

	it('offers every chat, review and question event (the chat ones on by default) and every sender but PARTNER by default', () => {
		const events = prop('events');
		expect(events.options?.map((o) => (o as { value: string }).value).sort()).toEqual(
			[...CHAT_NOTIFICATION_TYPES, ...COMMUNICATION_NOTIFICATION_TYPES].sort(),
		);
		// Saved workflows keep the events they had: review and question events are opt-in.
		expect([...(events.default as string[])].sort()).toEqual([...CHAT_NOTIFICATION_TYPES].sort());
		const senders = prop('senders');
		expect(senders.options?.map((o) => (o as { value: string }).value).sort()).toEqual(
			[...MESSAGE_SENDERS].sort(),
		);
		expect(senders.default).not.toContain('PARTNER');
		expect(senders.default).toHaveLength(MESSAGE_SENDERS.length - 1);
		const authors = prop('authors');
		expect(authors.default).toEqual(['USER', 'VENDOR', 'BRAND']);
		expect(authors.displayOptions).toEqual({ show: { resolveDetails: [true] } });
	});

	it('resolves details by default, so the default Senders filter works, and warns when it is turned off', () => {
		expect(prop('resolveDetails').default).toBe(true);
		// The Senders filter and the credential appear with the defaults alone.
		const defaults =
			NodeHelpers.getNodeParameters(description.properties, {}, true, false, null, description) ??
			{};
		expect(defaults.resolveDetails).toBe(true);
		expect(defaults.senders).toEqual(['CUSTOMER', 'MARKET', 'SUPPORT']);
		const [credential] = description.credentials ?? [];
		expect(NodeHelpers.displayParameter(defaults, credential, null, description)).toBe(true);
		// The description says when the lookups run (before Yandex is answered), not after.
		expect(prop('resolveDetails').description).toMatch(/before Yandex is answered/);
		expect(prop('resolveDetails').description).not.toMatch(/after Yandex/);
		const notice = prop('resolveDetailsOffNotice');
		expect(notice.displayOptions).toEqual({ show: { resolveDetails: [false] } });
		expect(notice.displayName).toMatch(/including your own/);
	});

	it('tells the user where to register the production URL', () => {
		const notice = description.properties.find((p) => p.type === 'notice');
		expect(notice?.displayName).toMatch(/Settings → API and modules → API notifications/);
		expect(notice?.displayName).toMatch(/cabinet level/);
		expect(notice?.displayName).toMatch(/Production URL, not the Test URL/);
	});

	it('warns that Yandex cannot reach a local or private Production URL and names WEBHOOK_URL', () => {
		const notices = description.properties.filter((p) => p.type === 'notice');
		expect(notices.map((p) => p.name)).toEqual([
			'setupNotice',
			'reachabilityNotice',
			'resolveDetailsOffNotice',
		]);
		const warning = notices[1].displayName;
		for (const part of ['http://', 'localhost', '127.0.0.1', '10.x', '172.16-31.x', '192.168.x']) {
			expect(warning).toContain(part);
		}
		expect(warning).toMatch(
			/set the WEBHOOK_URL environment variable to n8n's public HTTPS address/,
		); // Without a public address the way out is the poll trigger, named in the notice.
		expect(warning).toContain('Yandex Market Chats Poll Trigger');
	});

	it("carries the action node's description: n8n's node picker shows both as one entry with this text", () => {
		expect(description.description).toBe(new YandexMarketChats().description.description);
	});

	it('subtitle names the event, or how many, evaluated by n8n as the canvas does', () => {
		const nodeTypes = {
			getByName: () => node,
			getByNameAndVersion: () => node,
			getKnownTypes: () => ({}),
		} as unknown as INodeTypes;
		const subtitle = (events?: string[]) => {
			const n: INode = {
				id: '1',
				name: 'Trigger',
				type: 'n8n-nodes-yandex-market.yandexMarketChatsTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: events ? { events } : {},
			};
			const workflow = new Workflow({ nodes: [n], connections: {}, active: false, nodeTypes });
			return workflow.expression.getSimpleParameterValue(
				n,
				description.subtitle as string,
				'internal',
				{},
			);
		};
		expect(subtitle(['CHAT_CREATED'])).toBe('Chat Created');
		expect(subtitle(['CHAT_MESSAGE_SENT'])).toBe('Message Sent');
		expect(subtitle(['CHAT_CREATED', 'CHAT_MESSAGE_SENT'])).toBe('2 chat events');
		expect(subtitle([...CHAT_NOTIFICATION_TYPES])).toBe('All chat events');
		expect(subtitle([])).toBe('No events');
		expect(subtitle(['GOODS_FEEDBACK_CREATED'])).toBe('Review Created');
		expect(subtitle(['CHAT_MESSAGE_SENT', 'QUESTION_CREATED'])).toBe('2 events');
	});

	it('has a codex naming the package node and its categories', () => {
		expect(codex.node).toBe(`${pkg.name}.${description.name}`);
		expect(codex.categories).toEqual(['Communication', 'Sales']);
		expect(pkg.n8n.nodes).toContain(
			'dist/nodes/YandexMarketChats/YandexMarketChatsTrigger.node.js',
		);
	});
});

describe('YandexMarketChatsTrigger lifecycle and webhook', () => {
	it('refuses activation without Events, naming the field, as the poll trigger does', async () => {
		const ctx = mock<IHookFunctions>();
		ctx.getNodeParameter.mockReturnValue([] as never);
		await expect(node.webhookMethods.default.checkExists.call(ctx)).rejects.toThrow(
			'Events: choose at least one event',
		);
	});

	it('has no-op lifecycle methods that report success (the URL is registered by hand)', async () => {
		const ctx = mock<IHookFunctions>();
		await expect(node.webhookMethods.default.checkExists.call(ctx)).resolves.toBe(true);
		await expect(node.webhookMethods.default.create.call(ctx)).resolves.toBe(true);
		await expect(node.webhookMethods.default.delete.call(ctx)).resolves.toBe(true);
	});

	it('delegates webhook() to the notification handler', async () => {
		clearDedupCaches();
		const { ctx } = mockWebhookCtx({ body: '{"notificationType":"PING"}' });
		const result = await node.webhook.call(ctx);
		expect(result.webhookResponse).toMatchObject({ name: 'n8n-nodes-yandex-market' });
	});
});
