/**
 * The editor's "Fetch Test Event": the most recent real event of the chosen kinds, read from the API without
 * touching the trigger's state.
 */
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { toNodeError } from '../helpers/errors';
import type { Chat } from '../shared/contract';
import { chosenEvent, inOrder, messageEvents } from './events';
import type { PollEvent } from './events';
import { pollItems } from './items';
import { listChats, readMessages } from './reads';
import type { PollSettings } from './settings';
import { timeMs } from './state';

/** How many of the most recently active chats are searched for a message. */
const TEST_EVENT_CHATS = 5;

const newestFirst = (field: 'updatedAt' | 'createdAt') => (a: Chat, b: Chat) =>
	(timeMs(b[field]) ?? 0) - (timeMs(a[field]) ?? 0);

/** The latest Chat Created and dispute event the chat list shows (the list is in order of activity). */
export function chatListEvents(settings: PollSettings, byActivity: Chat[]): PollEvent[] {
	const events: PollEvent[] = [];
	const newest = [...byActivity].sort(newestFirst('createdAt'))[0];
	if (newest) {
		const created = {
			type: 'CHAT_CREATED' as const,
			chat: newest,
			eventTime: String(newest.createdAt),
		};
		events.push(...chosenEvent(settings, created));
	}
	const dispute = byActivity.find((c) => String(c.type) === 'ARBITRAGE');
	if (dispute) {
		const type =
			String(dispute.status) === 'FINISHED' ? 'CHAT_ARBITRAGE_FINISHED' : 'CHAT_ARBITRAGE_STARTED';
		events.push(
			...chosenEvent(settings, { type, chat: dispute, eventTime: String(dispute.updatedAt) }),
		);
	}
	return events;
}

export async function latestEvent(
	this: IPollFunctions,
	settings: PollSettings,
): Promise<INodeExecutionData[][]> {
	const list = await listChats.call(this, settings);
	if (!list.complete) throw toNodeError(this.getNode(), list.error);
	const byActivity = [...list.chats.values()].sort(newestFirst('updatedAt'));
	const candidates = chatListEvents(settings, byActivity);
	if (settings.events.has('CHAT_MESSAGE_SENT')) {
		for (const chat of byActivity.slice(0, TEST_EVENT_CHATS)) {
			const messages = await readMessages.call(this, settings, chat.chatId, undefined);
			const found = messageEvents(settings, chat, messages);
			if (found.length > 0) candidates.push(found[found.length - 1]);
		}
	}
	const latest = inOrder(candidates).pop();
	if (!latest) {
		throw new NodeOperationError(
			this.getNode(),
			`No chat event of the chosen kinds found in business ${settings.businessId}`,
			{
				description:
					'The test event is the most recent real one. Choose more Events or Senders, turn on Watch Finished Chats, or wait for a buyer to write.',
			},
		);
	}
	return [this.helpers.returnJsonArray(pollItems(settings.businessId, [latest]))];
}
