import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
export const PACKAGE_NAME = 'n8n-nodes-yandex-market';
export const ACTION_TYPE = `${PACKAGE_NAME}.yandexMarketChats`;
export const TRIGGER_TYPE = `${PACKAGE_NAME}.yandexMarketChatsTrigger`;
export const POLL_TRIGGER_TYPE = `${PACKAGE_NAME}.yandexMarketChatsPollTrigger`;
export const CREDENTIAL_TYPE = 'yandexMarketApi';
