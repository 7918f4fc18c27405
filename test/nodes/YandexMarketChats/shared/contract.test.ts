import { HOURLY_QUOTAS } from '../../../../nodes/YandexMarketChats/actions/operations';
import {
	INTEGRATION_HEADER_VALUE,
	PACKAGE_VERSION,
	READ_SCOPES,
	WRITE_SCOPES,
	businessPath,
} from '../../../../nodes/YandexMarketChats/shared/contract';
import { version } from '../../../../package.json';
import { SPEC_OPERATIONS as operations, scopeName } from '../../../helpers/spec';

describe('contract', () => {
	it('builds business paths with chat IDs left to the query string', () => {
		expect(businessPath('10001', { path: '/chat' })).toBe('/v2/businesses/10001/chat');
		expect(businessPath('10001', { path: '/chats/file/send' })).toBe(
			'/v2/businesses/10001/chats/file/send',
		);
		// Questions live only under /v1/.
		expect(businessPath('10001', { path: '/goods-questions', apiVersion: 'v1' })).toBe(
			'/v1/businesses/10001/goods-questions',
		);
	});

	it('names the package and its version towards Yandex', () => {
		expect(PACKAGE_VERSION).toBe(version);
		expect(INTEGRATION_HEADER_VALUE).toBe(`n8n-nodes-yandex-market/${version}`);
	});
});

// The sandbox enforces these quotas and scopes, and the nodes plan their calls by them: both follow the spec.
describe('contract matches the official spec', () => {
	it.each(Object.keys(HOURLY_QUOTAS))(
		"%s has the hourly quota of x-resource-limit-config's lower tariff",
		(operationId) => {
			const config = operations.get(operationId)?.['x-resource-limit-config'];
			expect(config).toBeDefined();
			// The package cannot see the cabinet's tariff: it plans with the lower one (`none`), as the sandbox does.
			expect(config?.none).toMatchObject({ amount: HOURLY_QUOTAS[operationId], period: 'hours' });
		},
	);

	it('every review and question method a seller may call has a quota in the contract', () => {
		const methods = [...operations.keys()].filter((id) => /Goods/.test(id));
		expect(methods.sort()).toEqual([
			'deleteGoodsFeedbackComment',
			'getGoodsFeedbackComments',
			'getGoodsFeedbacks',
			'getGoodsFeedbacksUrbanads',
			'getGoodsQuestionAnswers',
			'getGoodsQuestions',
			'skipGoodsFeedbacksReaction',
			'updateGoodsFeedbackComment',
			'updateGoodsQuestionTextEntity',
		]);
		// The UrbanAds advertiser listing is not offered: its x-allowed is urbanads only, never a seller cabinet.
		for (const id of methods.filter((m) => m !== 'getGoodsFeedbacksUrbanads'))
			expect(Object.keys(HOURLY_QUOTAS)).toContain(id);
		expect(Object.keys(HOURLY_QUOTAS)).not.toContain('getGoodsFeedbacksUrbanads');
	});

	it('every chat method of the spec has a quota in the contract', () => {
		const chatMethods = [...operations.keys()].filter((id) => /Chat/.test(id));
		expect(chatMethods.length).toBe(7);
		for (const id of chatMethods) expect(Object.keys(HOURLY_QUOTAS)).toContain(id);
	});

	it.each([
		['getChats', READ_SCOPES],
		['getChat', READ_SCOPES],
		['getChatHistory', READ_SCOPES],
		['getChatMessage', READ_SCOPES],
		['sendMessageToChat', WRITE_SCOPES],
		['createChat', WRITE_SCOPES],
		['sendFileToChat', WRITE_SCOPES],
	] as const)('%s accepts exactly the scopes the contract allows', (operationId, scopes) => {
		const specScopes = (operations.get(operationId)?.['x-auth-scopes'] ?? []).map(scopeName);
		expect([...specScopes].sort()).toEqual([...scopes].sort());
	});
});
