// JSON Lines: one JSON value per line, UTF-8, no BOM (JSON Lines forbids one).
// The calls file holds each call's contract JSON exactly as stored — byte-equal to
// `callscope show <id> --json` and to what `callscope convert` printed for it.
import { FileOut } from './file-out';
import type { RowSink } from './sink';

export class JsonLinesSink<R> implements RowSink<R> {
  private readonly out: FileOut;

  constructor(
    path: string,
    private readonly line: (row: R) => string,
  ) {
    this.out = new FileOut(path);
  }

  get bytes(): number {
    return this.out.bytes;
  }

  async add(rows: readonly R[]): Promise<void> {
    let text = '';
    for (const row of rows) text += this.line(row) + '\n';
    await this.out.write(text);
  }

  finish(): Promise<void> {
    return this.out.finish();
  }

  abort(): void {
    this.out.abort();
  }
}
