import {
	chronological,
	flattenContext,
	formatChat,
	formatHistory,
	formatMessage,
} from '../../../../nodes/YandexMarketChats/helpers/format';
import type { ChatMessage } from '../../../../nodes/YandexMarketChats/shared/contract';
import { CHAT, FLAT } from '../actions/chat/fixtures';

const message = (messageId: string, createdAt: string): ChatMessage => ({
	messageId,
	createdAt,
	sender: 'CUSTOMER',
	message: `m${messageId}`,
});

describe('flattenContext', () => {
	it('keeps only the fields the context has', () => {
		expect(flattenContext({ type: 'DIRECT' })).toEqual({ contextType: 'DIRECT' });
		expect(flattenContext(undefined)).toEqual({ contextType: undefined });
		expect(flattenContext(CHAT.context)).toEqual({
			contextType: 'ORDER',
			orderId: '40001',
			campaignId: '20001',
			customerName: 'Ivan P.',
			customerPublicId: 'pub-1',
		});
	});
});

describe('formatChat', () => {
	it('flattens the context and drops the deprecated top-level orderId with Simplify', () => {
		expect(formatChat(CHAT, { businessId: '10001', simplify: true })).toEqual(FLAT);
	});
	it('returns the raw chat with its business without Simplify', () => {
		expect(formatChat(CHAT, { businessId: '10001', simplify: false })).toEqual({
			businessId: '10001',
			...CHAT,
		});
	});
});

describe('formatMessage', () => {
	const m = message('5', '2026-01-01T10:00:00Z');
	it('adds the business and chat, and no context when none is known', () => {
		expect(formatMessage(m, { businessId: '1', chatId: '2' })).toEqual({
			businessId: '1',
			chatId: '2',
			...m,
		});
	});
	it('adds the flat context by default and the context object without Simplify', () => {
		const shape = { businessId: '1', chatId: '2', context: CHAT.context };
		expect(formatMessage(m, shape)).toMatchObject({ contextType: 'ORDER', orderId: '40001' });
		expect(formatMessage(m, { ...shape, simplify: false })).toMatchObject({
			context: CHAT.context,
		});
		expect(formatMessage(m, { ...shape, simplify: false })).not.toHaveProperty('contextType');
	});
});

describe('formatHistory', () => {
	const messages = [message('1', '2026-01-01T10:00:00Z')];
	it('gives the chat once, the count and the messages; totalMessages only when known', () => {
		const shape = { businessId: '1', chatId: '2', context: CHAT.context };
		expect(formatHistory(messages, shape)).toEqual({
			businessId: '1',
			chatId: '2',
			...flattenContext(CHAT.context),
			messageCount: 1,
			messages,
		});
		expect(formatHistory(messages, { ...shape, totalMessages: 7 })).toMatchObject({
			totalMessages: 7,
		});
	});
});

describe('chronological', () => {
	it('orders by time, then by ID as an integer (IDs above 2^53 included)', () => {
		const same = '2026-01-01T10:00:00Z';
		const sorted = chronological([
			message('9007199254740995', same),
			message('10', '2026-01-01T09:00:00Z'),
			message('9007199254740993', same),
			message('99', same),
		]);
		expect(sorted.map((m) => m.messageId)).toEqual([
			'10',
			'99',
			'9007199254740993',
			'9007199254740995',
		]);
	});
	it('does not change its input', () => {
		const input = [message('2', '2026-01-02T00:00:00Z'), message('1', '2026-01-01T00:00:00Z')];
		chronological(input);
		expect(input.map((m) => m.messageId)).toEqual(['2', '1']);
	});
});
