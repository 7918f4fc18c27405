/**
 * Local stand-ins of the outside services the seller's jobs connect to (dev tools, not published): the Telegram
 * Bot API, an OpenAI-compatible chat model and a small CRM. Each starts in-process on 127.0.0.1 (port 0 = free)
 * and has a typed control client; `npm run standins` runs all three as one process. See standins/README.md.
 */
export { startTelegramStandin, TELEGRAM_STANDIN, TelegramState } from './telegram';
export type * from './telegram';
export { startOpenAiStandin, OPENAI_STANDIN, OpenAiState } from './openai';
export type * from './openai';
export { startCrmStandin, CRM_STANDIN, CrmState } from './crm';
export type * from './crm';
export { createTelegramControl, createOpenAiControl, createCrmControl } from './clients';
export type * from './clients';
