// An import's kept rows (stored, used by no call) with their reasons, loaded a page at a time
// when the imports view opens them: with the rejected rows, every row an import read is accounted for.
import { defineStore } from 'pinia';
import type { KeptRowRecord } from '../../../shared/api/archive-api';
import { useApi } from '../api';
import { importRowPages } from './import-row-pages';

export const useKeptRowsStore = defineStore('keptRows', () =>
  importRowPages<KeptRowRecord>((q) => useApi().imports.kept(q)),
);
