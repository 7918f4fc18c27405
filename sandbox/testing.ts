/**
 * Test helpers that need Node built-ins, which test files may not import: a local notification receiver that
 * stands in for a seller's endpoint, and the spec checks.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseJsonKeepingBigInts } from '../nodes/YandexMarketChats/shared/int64';
import { notificationAnswer } from '../nodes/YandexMarketChats/shared/notifications';

export { checkApiResponse, checkNotificationSchema } from './validation';
export { judgeAnswer } from './notifier';

export interface ReceivedNotification {
	at: number;
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	remoteAddress: string | undefined;
	bodyText: string;
	/** parsed keeping int64 digits exact; undefined when the body is not JSON */
	body: unknown;
}

export interface ReceiverAnswer {
	status?: number;
	contentType?: string;
	/** a string is sent as is; anything else as JSON. Default: the answer Yandex expects (version/name/time). */
	body?: unknown;
	delayMs?: number;
}

export interface Receiver {
	/** http://127.0.0.1:<port>/notification */
	url: string;
	received: ReceivedNotification[];
	setAnswer(answer: ReceiverAnswer): void;
	/** resolves once `count` notifications arrived; rejects after timeoutMs */
	waitFor(count: number, timeoutMs?: number): Promise<ReceivedNotification[]>;
	clear(): void;
	close(): Promise<void>;
}

/** A seller endpoint on an ephemeral 127.0.0.1 port that answers the way the test tells it to. */
export async function startReceiver(answer: ReceiverAnswer = {}): Promise<Receiver> {
	let current = answer;
	const received: ReceivedNotification[] = [];
	let waiters: Array<() => void> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const bodyText = Buffer.concat(chunks).toString('utf8');
			let body: unknown;
			try {
				body = parseJsonKeepingBigInts(bodyText);
			} catch {
				body = undefined;
			}
			received.push({
				at: Date.now(),
				method: req.method ?? '',
				path: req.url ?? '',
				headers: req.headers,
				remoteAddress: req.socket.remoteAddress,
				bodyText,
				body,
			});
			const a = current;
			const reply = () => {
				const payload = a.body === undefined ? notificationAnswer() : a.body;
				res.statusCode = a.status ?? 200;
				res.setHeader('Content-Type', a.contentType ?? 'application/json');
				res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
				const w = waiters;
				waiters = [];
				w.forEach((f) => f());
			};
			if (a.delayMs) setTimeout(reply, a.delayMs);
			else reply();
		});
	});
	const sockets = new Set<Socket>();
	server.on('connection', (s: Socket) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/notification`,
		received,
		setAnswer(a) {
			current = a;
		},
		waitFor(count, timeoutMs = 5000) {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(
					() =>
						reject(
							new Error(
								`receiver: expected ${count} notifications, got ${received.length} in ${timeoutMs} ms`,
							),
						),
					timeoutMs,
				);
				const check = () => {
					if (received.length >= count) {
						clearTimeout(timer);
						resolve(received.slice());
					} else {
						waiters.push(check);
					}
				};
				check();
			});
		},
		clear() {
			received.length = 0;
		},
		close() {
			return new Promise((resolve) => {
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
			});
		},
	};
}
export { checkCommunicationNotificationSchema } from './validation';
