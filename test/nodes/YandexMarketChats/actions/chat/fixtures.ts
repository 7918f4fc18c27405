/** A chat as the transport returns it (IDs as strings) and as the node outputs it with Simplify on. */
export const CHAT = {
	chatId: '9007199254740993',
	orderId: '40001',
	context: {
		type: 'ORDER',
		orderId: '40001',
		campaignId: '20001',
		customer: { name: 'Ivan P.', publicId: 'pub-1' },
	},
	type: 'CHAT',
	status: 'WAITING_FOR_PARTNER',
	createdAt: '2026-01-01T10:00:00+03:00',
	updatedAt: '2026-01-02T10:00:00+03:00',
};

export const FLAT = {
	businessId: '10001',
	chatId: '9007199254740993',
	type: 'CHAT',
	status: 'WAITING_FOR_PARTNER',
	contextType: 'ORDER',
	orderId: '40001',
	campaignId: '20001',
	customerName: 'Ivan P.',
	customerPublicId: 'pub-1',
	createdAt: '2026-01-01T10:00:00+03:00',
	updatedAt: '2026-01-02T10:00:00+03:00',
};
