// Rows of one import that the imports view and the import report open under it (rejected rows,
// kept rows), loaded a page at a time: one unit for every such list, its store keeps the refs.
import { ref, type Ref } from 'vue';
import { toUiError, type UiError } from '../errors';

export const IMPORT_ROWS_PAGE = 200;

export type ImportRowsPage<R> = (q: { importId: number; offset: number; limit: number }) => Promise<R[]>;

export function importRowPages<R>(fetchPage: ImportRowsPage<R>) {
  /** importId → rows loaded so far. */
  const rows = ref({}) as Ref<Record<number, R[]>>;
  const done = ref<Record<number, boolean>>({});
  const error = ref<UiError | null>(null);

  /** The first page of an import's rows, or (`more`) the next one after those loaded. */
  async function load(importId: number, more = false): Promise<void> {
    const have = rows.value[importId] ?? [];
    try {
      const page = await fetchPage({ importId, offset: more ? have.length : 0, limit: IMPORT_ROWS_PAGE });
      rows.value = { ...rows.value, [importId]: more ? have.concat(page) : page };
      done.value = { ...done.value, [importId]: page.length < IMPORT_ROWS_PAGE };
      error.value = null;
    } catch (e) {
      error.value = toUiError(e);
    }
  }

  return { rows, done, error, load };
}
