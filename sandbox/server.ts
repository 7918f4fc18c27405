/** Starts one sandbox instance: the Yandex API and the control API on one 127.0.0.1 port. */
import type { AddressInfo, Socket } from 'node:net';
import express from 'express';
import { apiErrorHandler, createApi } from './api';
import type { SandboxControlClient } from './client';
import { createControlClient } from './client';
import { createControlRouter } from './control';
import { FaultRegistry } from './faults';
import { RateLimiter } from './limits';
import { Notifier } from './notifier';
import { seedStore } from './seed';
import type { SandboxState } from './state';

export interface SandboxOptions {
	/** 0 (default) picks a free port */
	port?: number;
	/** quota window, default 1 hour */
	windowMs?: number;
	/** concurrent requests per business, default 4 */
	parallelLimit?: number;
	/** added to every Yandex API answer, standing in for the round trip to the real API (default 0) */
	latencyMs?: number;
	/** per-operation quotas, default HOURLY_QUOTAS */
	quotas?: Partial<Record<string, number>>;
	/** where notifications go; also settable with PUT /_sandbox/notifier */
	notifyUrl?: string;
	/** sandbox only: copies of every notification also go here (PUT /_sandbox/notifier {alsoTo}) */
	alsoNotify?: string[];
	autoNotify?: boolean;
	notifyPartnerMessages?: boolean;
	/** check every answer against the spec and record the outcome (default true) */
	validateResponses?: boolean;
	/** one line per request and sandbox warnings; silent by default */
	log?: (line: string) => void;
}

export interface Sandbox {
	url: string;
	port: number;
	control: SandboxControlClient;
	/** the live state, for in-process tests that need more than the control API */
	state: SandboxState;
	close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const limits = new RateLimiter({
		windowMs: options.windowMs,
		parallelLimit: options.parallelLimit,
		latencyMs: options.latencyMs,
		quotas: options.quotas,
	});
	const notifier = new Notifier({
		url: options.notifyUrl,
		alsoTo: options.alsoNotify,
		autoNotify: options.autoNotify,
		notifyPartnerMessages: options.notifyPartnerMessages,
	});
	const log = options.log ?? (() => undefined);
	const state: SandboxState = {
		store: seedStore(),
		limits,
		faults: new FaultRegistry(),
		notifier,
		requests: [],
		baseUrl: '',
		validateResponses: options.validateResponses ?? true,
		nextRequestId: 1,
		log,
		reseed() {
			state.store = seedStore();
			state.requests.length = 0;
			state.faults.clear();
			state.limits.reset();
			state.notifier.reset();
		},
	};

	const app = express();
	app.disable('x-powered-by');
	app.set('etag', false);
	app.use((_req, res, next) => {
		// Yandex does not support keep-alive; closing also keeps every test request on a fresh connection.
		res.setHeader('Connection', 'close');
		next();
	});
	app.use('/_sandbox', createControlRouter(state));
	app.use(createApi(state));
	app.use(apiErrorHandler(state));

	const server = app.listen(options.port ?? 0, '127.0.0.1');
	await new Promise<void>((resolve, reject) => {
		server.once('listening', resolve);
		server.once('error', reject);
	});
	const sockets = new Set<Socket>();
	server.on('connection', (s: Socket) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	const port = (server.address() as AddressInfo).port;
	state.baseUrl = `http://127.0.0.1:${port}`;

	return {
		url: state.baseUrl,
		port,
		control: createControlClient(state.baseUrl),
		state,
		async close() {
			notifier.stopRetries();
			await notifier.idle();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
			});
		},
	};
}
