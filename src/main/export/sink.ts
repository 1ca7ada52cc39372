// Where exported rows go: a CSV, XLSX or JSON Lines file, written page by page.
export interface RowSink<R> {
  /** Appends rows (one page of the search); resolves when they are handed to the file. */
  add(rows: readonly R[]): Promise<void>;
  /** Completes the file and moves it into place. */
  finish(): Promise<void>;
  /** Drops the unfinished file. */
  abort(): void | Promise<void>;
  /** Bytes written so far (approximate for compressed formats). */
  readonly bytes: number;
}
