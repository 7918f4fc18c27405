import type { IWebhookFunctions } from 'n8n-workflow';
import { mock } from 'jest-mock-extended';
import { claimEvent, settleOnAnswer } from '../../../../nodes/YandexMarketChats/trigger/claim';
import { clearDedupCaches } from '../../../../nodes/YandexMarketChats/trigger/dedup';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

function response(statusCode: number) {
	const end = jest.fn();
	const res = { statusCode, end } as unknown as Response;
	return { res, end };
}

describe('settleOnAnswer', () => {
	it.each([
		[200, true],
		[500, false],
		[503, false],
	])(
		'an answer %i settles the claim as taken=%s, and the answer is still written',
		(status, taken) => {
			const { res, end } = response(status);
			const settle = jest.fn();
			settleOnAnswer(res, settle);
			res.end('body');
			expect(settle).toHaveBeenCalledWith(taken);
			expect(end).toHaveBeenCalledWith('body');
		},
	);
});

describe('claimEvent', () => {
	beforeEach(() => clearDedupCaches());

	function ctx(workflowId: string) {
		const c = mock<IWebhookFunctions>();
		c.getWorkflow.mockReturnValue({ id: workflowId, active: true });
		c.getNode.mockReturnValue({ id: 'n1' } as ReturnType<IWebhookFunctions['getNode']>);
		return c;
	}

	it('claims a key once per trigger node; a settled one is a duplicate, a refused one claims again', async () => {
		const c = ctx('wf');
		const first = await claimEvent.call(c, 'k');
		if (typeof first === 'string') throw new Error(first);
		first.settle(true);
		expect(await claimEvent.call(c, 'k')).toBe('duplicate');
		expect(typeof (await claimEvent.call(ctx('other'), 'k'))).toBe('object');
		const second = await claimEvent.call(c, 'k2');
		if (typeof second === 'string') throw new Error(second);
		second.settle(false);
		expect(typeof (await claimEvent.call(c, 'k2'))).toBe('object');
	});
});
