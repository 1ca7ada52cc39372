// Text held back until a command knows it will keep it: `convert`'s messages while it tries the
// conversion without the staging file (./commands/convert-pass.ts). Given up, the attempt's
// messages are dropped and the staged conversion prints its own; so nothing is printed twice.
// Memory stays bounded: past HELD_IN_MEMORY characters the text goes to a file (whose folder the
// caller deletes).
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

export const HELD_IN_MEMORY = 1 << 20;

export interface TextSink {
  write(text: string): Promise<void>;
}

export class HeldText implements TextSink {
  private text = '';
  private fd: number | null = null;

  constructor(
    private readonly path: string,
    private readonly inMemory = HELD_IN_MEMORY,
  ) {}

  write(text: string): Promise<void> {
    this.text += text;
    if (this.text.length >= this.inMemory) {
      this.fd ??= openSync(this.path, 'w+'); // read back by release()
      writeSync(this.fd, this.text);
      this.text = '';
    }
    return Promise.resolve();
  }

  /** Writes everything held to `sink`, in order, and forgets it. */
  async release(sink: TextSink): Promise<void> {
    if (this.fd !== null) {
      const fd = this.fd;
      this.fd = null;
      try {
        const buf = Buffer.allocUnsafe(this.inMemory);
        const decoder = new TextDecoder(); // a read may end inside a character
        for (let pos = 0, n; (n = readSync(fd, buf, 0, buf.length, pos)) > 0; pos += n)
          await sink.write(decoder.decode(buf.subarray(0, n), { stream: true }));
        await sink.write(decoder.decode());
      } finally {
        closeSync(fd);
      }
    }
    const rest = this.text;
    this.text = '';
    await sink.write(rest);
  }

  /** Forgets everything held (the file's folder is the caller's to delete). */
  discard(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.text = '';
  }
}
