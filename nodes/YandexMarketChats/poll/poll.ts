/**
 * One poll of the poll trigger: list the watched chats, read the new messages of the chats that moved, compare with
 * the state of the last poll and return one item per new event, shaped exactly like the webhook trigger's item with
 * Resolve Details on. The new state is written to the static data only when the poll returns, so a poll that throws
 * leaves the old state and the next poll repeats its work; each chat's new state goes in together with its events,
 * so a poll that stops early (420 past the wait budget, 5xx after retries) returns what it has and the next one
 * continues from there. Nothing is ever reported twice and nothing is skipped.
 *
 * The pieces: settings.ts (parameters), reads.ts (API reads), changes.ts (change detection per chat), state.ts
 * (what is remembered, and its stored form), events.ts and items.ts (events and output), testEvent.ts (the
 * editor's test event).
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { communicationStateKey, pollCommunication, readCommunicationState } from './communication';
import { errorText, toNodeError } from '../helpers/errors';
import { baseline, chatOutcome, followUp, oneChatOrSkip } from './changes';
import type { ChatOutcome, Run } from './changes';
import type { PollEvent } from './events';
import { pollItems } from './items';
import { listChats } from './reads';
import { readPollSettings } from './settings';
import type { PollSettings } from './settings';
import { readState, stateKey, toMemory, toStored } from './state';
import type { PollMemory } from './state';
import { latestEvent } from './testEvent';

export { readPollSettings } from './settings';
export type { PollSettings } from './settings';

/** Polls of one trigger node in this process. n8n starts a poll on schedule even while the last one still runs. */
const running = new Set<string>();

export async function pollChats(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readPollSettings.call(this);
	if (this.getMode() === 'manual') return await testEvent.call(this, settings);
	const lock = `${String(this.getWorkflow().id ?? '')}\u0000${this.getNode().id}`;
	if (running.has(lock)) {
		this.logger.debug('Yandex Market poll trigger: the previous poll is still running; skipped');
		return null;
	}
	running.add(lock);
	try {
		return await poll.call(this, settings);
	} finally {
		running.delete(lock);
	}
}

/** The chat events' poll, then the review and question events' (each only when some of its events are chosen). */
async function poll(
	this: IPollFunctions,
	settings: PollSettings,
): Promise<INodeExecutionData[][] | null> {
	let chats: INodeExecutionData[] = [];
	let failure: unknown;
	try {
		if (settings.events.size > 0) chats = (await pollChatEvents.call(this, settings))?.[0] ?? [];
	} catch (error) {
		if (settings.communicationEvents.size === 0) throw toNodeError(this.getNode(), error);
		failure = error;
	}
	const reviewsAndQuestions = await communicationItems.call(this, settings, chats.length > 0);
	const items = [...chats, ...this.helpers.returnJsonArray(reviewsAndQuestions)];
	if (failure !== undefined && items.length === 0) throw toNodeError(this.getNode(), failure);
	return items.length > 0 ? [items] : null;
}

/**
 * New reviews needing a reaction and new questions needing an answer. Their state is kept next to the chats'
 * (`communication` in the node's static data). A failed read throws unless the chat poll found something: then
 * the chat items go out, this part keeps its old state and the next poll reads again.
 */
async function communicationItems(
	this: IPollFunctions,
	settings: PollSettings,
	othersFound: boolean,
): Promise<IDataObject[]> {
	if (settings.communicationEvents.size === 0) return [];
	const staticData = this.getWorkflowStaticData('node');
	const scope = { ...settings, events: settings.communicationEvents };
	const previous = readCommunicationState(
		staticData.communication,
		communicationStateKey(settings.businessId, settings.communicationEvents),
	);
	try {
		const { items, state } = await pollCommunication.call(this, scope, previous);
		staticData.communication = state as unknown as IDataObject;
		return items;
	} catch (error) {
		if (!othersFound) throw toNodeError(this.getNode(), error);
		this.logger.warn(
			`Yandex Market poll trigger: reviews and questions were not read this time (${errorText(error)}); the next poll reads them again`,
		);
		return [];
	}
}

/** The editor's Fetch Test Event: the latest chat event and the newest waiting review or question, newest of all. */
async function testEvent(
	this: IPollFunctions,
	settings: PollSettings,
): Promise<INodeExecutionData[][]> {
	if (settings.communicationEvents.size === 0) return await latestEvent.call(this, settings);
	const scope = { ...settings, events: settings.communicationEvents };
	const { items } = await pollCommunication.call(this, scope, undefined, { test: true });
	if (items.length > 0) return [this.helpers.returnJsonArray([items[items.length - 1]])];
	if (settings.events.size > 0) return await latestEvent.call(this, settings);
	throw new NodeOperationError(
		this.getNode(),
		`No review needing a reaction or question needing an answer found in business ${settings.businessId}`,
		{
			description:
				'The test event is a real one: wait for a buyer to write a review or a question.',
		},
	);
}

async function pollChatEvents(
	this: IPollFunctions,
	settings: PollSettings,
): Promise<INodeExecutionData[][] | null> {
	const staticData = this.getWorkflowStaticData('node');
	const key = stateKey(settings);
	const stored = readState(staticData.state, key);
	const scanStart = Date.now();
	if (!stored) {
		const list = await listChats.call(this, settings);
		if (!list.complete) throw toNodeError(this.getNode(), list.error);
		const empty: PollMemory = { key, createdFloor: 0, lastScan: 0, chats: {} };
		const run: Run = { ctx: this, settings, previous: empty, scanStart };
		staticData.state = toStored(await baseline(run, list, key), Date.now());
		return null;
	}
	const run: Run = { ctx: this, settings, previous: toMemory(stored), scanStart };
	const scan = await scanChats(run);
	staticData.state = toStored(scan.next, Date.now());
	return handOver(run, scan);
}

interface Scan {
	next: PollMemory;
	events: PollEvent[];
	failure?: unknown;
	stoppedEarly: boolean;
}

/** Every chat of the list, then the tracked chats the list no longer shows, within the poll's time budget. */
async function scanChats(run: Run): Promise<Scan> {
	const { previous } = run;
	const scan: Scan = {
		next: { ...previous, chats: { ...previous.chats } },
		events: [],
		stoppedEarly: false,
	};
	const apply = (chatId: string, outcome: ChatOutcome) => {
		if (outcome.chat) scan.next.chats[chatId] = outcome.chat;
		else delete scan.next.chats[chatId];
		scan.events.push(...outcome.events);
	};
	const deadline = pollDeadline.call(run.ctx, run.scanStart);
	const list = await listChats.call(run.ctx, run.settings);
	scan.failure = list.error;
	try {
		for (const chat of list.chats.values()) {
			if (Date.now() > deadline) {
				scan.stoppedEarly = true;
				break;
			}
			const work = async () => apply(chat.chatId, await chatOutcome(run, chat));
			if (!(await oneChatOrSkip(run, chat.chatId, work))) scan.stoppedEarly = true;
		}
		if (list.complete && !scan.stoppedEarly)
			scan.stoppedEarly = !(await followUp(run, list, apply));
	} catch (error) {
		scan.failure = error;
	}
	if (list.complete && scan.failure === undefined && !scan.stoppedEarly) {
		scan.next.lastScan = run.scanStart;
	}
	return scan;
}

/** The items of the poll; a poll that failed before finding anything fails, one that found something returns it. */
function handOver(run: Run, scan: Scan): INodeExecutionData[][] | null {
	const { ctx } = run;
	const items = pollItems(run.settings.businessId, scan.events);
	if (scan.failure !== undefined) {
		if (items.length === 0) throw toNodeError(ctx.getNode(), scan.failure);
		ctx.logger.warn(
			`Yandex Market poll trigger: the poll stopped early (${errorText(scan.failure)}); the next poll continues where it stopped`,
		);
	} else if (scan.stoppedEarly) {
		ctx.logger.info(
			'Yandex Market poll trigger: the poll ran out of time; the next poll continues',
		);
	}
	return items.length > 0 ? [ctx.helpers.returnJsonArray(items)] : null;
}

/**
 * n8n's durable scheduler (2.41+) gives each poll a time budget and abandons a poll that overruns it; stopping at
 * 80 % of it leaves time to hand the events over. Older n8n has no budget.
 */
function pollDeadline(this: IPollFunctions, scanStart: number): number {
	const budget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : undefined;
	return typeof budget === 'number' && budget > 0 ? scanStart + budget * 0.8 : Infinity;
}
