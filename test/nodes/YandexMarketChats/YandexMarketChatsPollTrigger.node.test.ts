import { CHAT_NOTIFICATION_TYPES } from '../../../nodes/YandexMarketChats/shared/notifications';
import type { INodeProperties } from 'n8n-workflow';
import { YandexMarketChatsPollTrigger } from '../../../nodes/YandexMarketChats/YandexMarketChatsPollTrigger.node';
import { YandexMarketChatsTrigger } from '../../../nodes/YandexMarketChats/YandexMarketChatsTrigger.node';
import { businessRLC } from '../../../nodes/YandexMarketChats/descriptions/common';
import codex from '../../../nodes/YandexMarketChats/YandexMarketChatsPollTrigger.node.json';
import pkg from '../../../package.json';

const { description } = new YandexMarketChatsPollTrigger();
const webhook = new YandexMarketChatsTrigger().description;
const prop = (props: INodeProperties[], name: string) =>
	props.find((p) => p.name === name) as INodeProperties;

describe('YandexMarketChatsPollTrigger description', () => {
	it('is a version-1 polling trigger without inputs, with the shared credential always required', () => {
		expect(description).toMatchObject({
			name: 'yandexMarketChatsPollTrigger',
			displayName: 'Yandex Market Chats Poll Trigger',
			group: ['trigger'],
			version: 1,
			polling: true,
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'yandexMarketApi', required: true }],
			icon: { light: 'file:yandexMarket.svg', dark: 'file:yandexMarket.dark.svg' },
		});
		expect(description.webhooks).toBeUndefined();
		// n8n's loader adds Poll Times to polling nodes; a node that declared its own would show it twice.
		expect(description.properties.map((p) => p.name)).not.toContain('pollTimes');
	});

	it('offers the Business picker of the action node and the Events and Senders of the webhook trigger', () => {
		expect(prop(description.properties, 'businessId')).toBe(businessRLC);
		const {
			description: pollText,
			options: pollOptions,
			...events
		} = prop(description.properties, 'events');
		const {
			description: webhookText,
			options: webhookOptions,
			...webhookEvents
		} = prop(webhook.properties, 'events');
		expect(events).toEqual(webhookEvents);
		expect(pollText).not.toBe(webhookText);
		// The chat events are the webhook's; of reviews and questions the poll sees what needs the shop now.
		const chat = (options: unknown) =>
			(options as Array<{ value: string }>).filter((o) => o.value.startsWith('CHAT_'));
		expect(chat(pollOptions)).toEqual(chat(webhookOptions));
		expect((pollOptions as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(
			[...CHAT_NOTIFICATION_TYPES, 'GOODS_FEEDBACK_CREATED', 'QUESTION_CREATED'].sort(),
		);
		const {
			displayOptions,
			description: webhookSenders,
			...senders
		} = prop(webhook.properties, 'senders');
		expect(displayOptions).toEqual({ show: { resolveDetails: [true] } });
		const { description: pollSenders, ...pollRest } = prop(description.properties, 'senders');
		expect(pollRest).toEqual(senders);
		// Each says what happens when the sender cannot be read: the webhook waits for Yandex's next delivery, the
		// poll for its next poll.
		expect(webhookSenders).toMatch(/delivers the notification again/);
		expect(pollSenders).toMatch(/next poll reads it again/);
		expect(prop(description.properties, 'senders').default).not.toContain('PARTNER');
	});

	it('has the options Rate Limit Wait and Watch Finished Chats (off)', () => {
		const options = prop(description.properties, 'options').options as INodeProperties[];
		expect(options.map((o) => [o.name, o.default])).toEqual([
			['rateLimitWaitSeconds', 60],
			['watchFinished', false],
		]);
	});

	it('is registered in package.json with a codex', () => {
		expect(codex.node).toBe(`${pkg.name}.${description.name}`);
		expect(pkg.n8n.nodes).toContain(
			'dist/nodes/YandexMarketChats/YandexMarketChatsPollTrigger.node.js',
		);
	});
});
