'use strict';
// n8n loads the classes through package.json -> n8n.nodes / n8n.credentials; this entry point exposes the same
// compiled classes, every one of them (test/index.test.ts compares the lists), for programmatic use (tests,
// tooling) so `require('n8n-nodes-yandex-market')` is meaningful.
module.exports = {
	...require('./dist/credentials/YandexMarketApi.credentials.js'),
	...require('./dist/nodes/YandexMarketChats/YandexMarketChats.node.js'),
	...require('./dist/nodes/YandexMarketChats/YandexMarketChatsTrigger.node.js'),
	...require('./dist/nodes/YandexMarketChats/YandexMarketChatsPollTrigger.node.js'),
};
