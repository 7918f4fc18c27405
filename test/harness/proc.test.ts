import { freePort, isPortFree, portRangeBelowEphemeral } from '../../harness/proc';

describe('portRangeBelowEphemeral', () => {
	it.each([
		['32768\t60999\n', [20_768, 32_768]],
		['49152 65535', [37_152, 49_152]],
		// An ephemeral range that starts low leaves nothing below it: the ports stay at 10000-22000.
		['1024 65535', [10_000, 22_000]],
		// Unreadable: the Linux default.
		['garbage', [20_768, 32_768]],
		['', [20_768, 32_768]],
	])('%j gives %j', (content, expected) => {
		expect(portRangeBelowEphemeral(content)).toEqual(expected);
	});
});

describe('freePort', () => {
	it('hands out distinct free ports below the ephemeral range', async () => {
		const [low, high] = portRangeBelowEphemeral();
		const ports: number[] = [];
		for (let i = 0; i < 20; i++) ports.push(await freePort());
		expect(new Set(ports).size).toBe(20);
		for (const port of ports) {
			expect(port).toBeGreaterThanOrEqual(low);
			expect(port).toBeLessThan(high);
			expect(await isPortFree(port)).toBe(true);
		}
	});
});
