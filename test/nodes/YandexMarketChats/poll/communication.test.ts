import {
	MAX_SEEN,
	nextSeen,
	pollEvent,
} from '../../../../nodes/YandexMarketChats/poll/communication';

describe('nextSeen', () => {
	it.each([
		[['3', '2'], ['1', '2'], true, ['3', '2']],
		[['3', '2'], ['1', '2'], false, ['3', '2', '1']],
		[[], undefined, true, []],
	])('%j after %j (complete %s) -> %j', (listed, before, complete, seen) => {
		expect(nextSeen(listed, before, complete)).toEqual(seen);
	});

	it(`keeps at most ${MAX_SEEN} IDs`, () => {
		const many = Array.from({ length: MAX_SEEN + 10 }, (_, i) => String(i + 1));
		expect(nextSeen(many, [], true)).toHaveLength(MAX_SEEN);
	});
});

describe('pollEvent', () => {
	it('a listed question becomes the event its notification would have been', () => {
		expect(
			pollEvent('QUESTION_CREATED', '10001', {
				questionIdentifiers: { id: '9007199254741001', offerId: 'A' },
				createdAt: '2026-12-01T10:00:00Z',
			}),
		).toEqual({
			notificationType: 'QUESTION_CREATED',
			businessId: '10001',
			ids: { questionId: '9007199254741001' },
			eventTime: '2026-12-01T10:00:00Z',
			times: { createdAt: '2026-12-01T10:00:00Z' },
			raw: {
				notificationType: 'QUESTION_CREATED',
				businessId: '10001',
				questionId: '9007199254741001',
				createdAt: '2026-12-01T10:00:00Z',
			},
		});
	});
});
