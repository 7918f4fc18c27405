/** How Yandex's enum values read in the editor: filter options and the chat list share these names. */
export const CHAT_STATUS_NAMES: Record<string, string> = {
	FINISHED: 'Finished',
	NEW: 'New',
	WAITING_FOR_ARBITER: 'Waiting for Arbiter',
	WAITING_FOR_CUSTOMER: 'Waiting for Customer',
	WAITING_FOR_MARKET: 'Waiting for Market',
	WAITING_FOR_PARTNER: 'Waiting for Partner (Seller Must Answer)',
};

export const CHAT_TYPE_NAMES: Record<string, string> = {
	ARBITRAGE: 'Arbitrage (Dispute)',
	CHAT: 'Chat',
};

export const CHAT_CONTEXT_NAMES: Record<string, string> = {
	DIRECT: 'Direct (About a Product)',
	ORDER: 'Order',
	RETURN: 'Return',
};

/** Options for a multiOptions/options parameter, sorted by name as n8n's lint rules require. */
export function sortedOptions(values: readonly string[], names: Record<string, string>) {
	return values
		.map((value) => ({ name: names[value] ?? value, value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
