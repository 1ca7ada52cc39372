/**
 * A file the reader cannot read at all (empty, binary, not an export, unknown
 * zone…). The message is one line a user can act on; re-exported by
 * src/main/readers so callers catch one class.
 */
export class ReaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReaderError';
  }
}
