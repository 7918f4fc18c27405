/** The CRM stand-in: idempotent upserts keyed by chat ID, validation, auth (real HTTP on 127.0.0.1). */
import { CRM_STANDIN, createCrmControl, startCrmStandin, type CrmStandin } from '../../standins';

let crm: CrmStandin;
const RECORD = {
	source: 'yandex-market',
	businessId: '10001',
	chatId: '30003',
	customer: { name: 'Ivan', publicId: 'buyer-1' },
	contextType: 'ORDER',
	orderId: '40003',
	status: 'WAITING_FOR_PARTNER',
	lastMessage: { sender: 'CUSTOMER', text: 'Hi', at: '2026-01-01T10:00:00Z' },
	cabinetUrl: 'https://partner.market.yandex.ru/business/10001/chats?chatId=30003',
};

async function put(body: unknown, id = '30003', key = crm.apiKey) {
	const res = await fetch(`${crm.url}/api/conversations/${id}`, {
		method: 'PUT',
		headers: { 'Content-Type': 'application/json', [CRM_STANDIN.header]: key },
		body: JSON.stringify(body),
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeEach(async () => {
	crm = await startCrmStandin();
});
afterEach(async () => {
	await crm.close();
});

describe('CRM stand-in', () => {
	it('creates, leaves unchanged on the same body, and updates on a different one', async () => {
		expect(await put(RECORD)).toMatchObject({ status: 201, body: { version: 1, changed: true } });
		expect(await put(RECORD)).toMatchObject({ status: 200, body: { version: 1, changed: false } });
		const changed = await put({ ...RECORD, status: 'WAITING_FOR_CUSTOMER' });
		expect(changed).toMatchObject({ status: 200, body: { version: 2, changed: true } });
		const records = await createCrmControl(crm.url).records();
		expect(records).toHaveLength(1);
		expect((await createCrmControl(crm.url).calls()).map((c) => c.outcome)).toEqual([
			'created',
			'unchanged',
			'updated',
		]);
	});

	it('refuses a record without what a CRM needs, naming the field', async () => {
		expect((await put({ ...RECORD, chatId: undefined })).body.error).toMatch(
			/'chatId' is required/,
		);
		expect((await put(RECORD, '30004')).body.error).toMatch(/must equal the id in the URL/);
		expect((await put({ ...RECORD, customer: 'Ivan' })).body.error).toMatch(
			/'customer' is required/,
		);
		expect((await put({ ...RECORD, lastMessage: { sender: 'X', at: 'soon' } })).status).toBe(400);
	});

	it('wants its API key and can fail on purpose', async () => {
		expect((await put(RECORD, '30003', 'nope')).status).toBe(401);
		await createCrmControl(crm.url).fault(503);
		expect((await put(RECORD)).status).toBe(503);
		expect((await put(RECORD)).status).toBe(201);
	});
});
