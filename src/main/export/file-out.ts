// An export file written through a temporary sibling (`<name>.partial`) and renamed
// into place only when complete: a cancelled or failed export never leaves a file
// that looks finished. Writes wait for the stream to drain, so memory stays flat
// however large the file grows.
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { exportTarget } from './export-target';

export class FileOut {
  /** The file replaced when done: the path given, or the file its link names (exportTarget). */
  readonly path: string;
  readonly partialPath: string;
  private readonly stream: WriteStream;
  private failure: Error | null = null;
  bytes = 0;

  constructor(path: string) {
    this.path = exportTarget(path);
    this.partialPath = `${this.path}.partial`;
    this.stream = createWriteStream(this.partialPath);
    this.stream.on('error', (err) => (this.failure = err));
  }

  async write(chunk: string | Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    // Encoded once here (counting the bytes of a string and then writing it would encode it twice).
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.bytes += bytes.length;
    // once() rejects when the stream errors while waiting, so a full disk ends the export.
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
    if (this.failure) throw this.failure;
  }

  async finish(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'close');
    if (this.failure) throw this.failure;
    renameSync(this.partialPath, this.path);
  }

  abort(): void {
    this.stream.destroy();
    rmSync(this.partialPath, { force: true });
  }
}

/** For writers that write the file themselves (exceljs): only the temporary name and the rename. */
export class PartialPath {
  readonly path: string;
  readonly partialPath: string;
  constructor(path: string) {
    this.path = exportTarget(path);
    this.partialPath = `${this.path}.partial`;
  }
  finish(): void {
    renameSync(this.partialPath, this.path);
  }
  abort(): void {
    rmSync(this.partialPath, { force: true });
  }
}
