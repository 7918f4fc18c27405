/**
 * A small round-robin HTTP proxy on 127.0.0.1, for the bench only: it stands in for the load balancer a queue-mode
 * deployment puts in front of several `n8n webhook` processes. Each request goes to the next upstream in turn over
 * a keep-alive agent; bodies and answers are streamed through unchanged.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface RoundRobinProxy {
	url: string;
	/** Requests sent to each upstream, in the order given. */
	counts: number[];
	/** Upstream errors the proxy answered with 502 (a failed answer in the bench, not n8n's). */
	errors: string[];
	stop(): Promise<void>;
}

export async function startRoundRobinProxy(upstreams: string[]): Promise<RoundRobinProxy> {
	if (upstreams.length === 0) throw new Error('startRoundRobinProxy needs at least one upstream');
	const targets = upstreams.map((u) => new URL(u));
	const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
	const counts = targets.map(() => 0);
	const errors: string[] = [];
	let next = 0;
	const server = http.createServer((req, res) => {
		const i = next;
		next = (next + 1) % targets.length;
		counts[i]++;
		const target = targets[i];
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port,
				path: req.url,
				method: req.method,
				headers: { ...req.headers, host: target.host },
				agent,
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			errors.push(`upstream ${i + 1}: ${error.message}`);
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`proxy: ${error.message}`);
		});
		req.pipe(upstream);
	});
	server.keepAliveTimeout = 30_000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		counts,
		errors,
		stop: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			agent.destroy();
		},
	};
}
