import { searchBusinesses, searchChats } from './listSearch';

export const listSearch = { searchBusinesses, searchChats };
