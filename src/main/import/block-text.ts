// The text of a raw-values block in the COLUMNS_BROTLI layout (raw-blocks.ts), built from its slots.
// It is built in the import thread and, from this very function's source, in the compressor's worker
// (block-compressor.ts), which receives a block's slots rather than its text: the one copy of the code
// runs in both places, and the import thread is spared building the text (≈ 1.5 s at 200,000 calls).
// So the function must stay self-contained: no name from outside its body (the separator is written
// out, the slot count is the array's length) and no inner function (a loader that keeps function names
// would add a call to its own helper inside the body).

/**
 * The slots' values column by column: a header of each slot's number of values (`-` for an id with
 * no row) and a line break, then value i of every slot that has one, for i = 0, 1, …, joined by
 * U+001F. A stored row's text split at U+001F and joined again is the same text whatever it holds
 * (the JSON form of a record holds no raw U+001F: see row-codec.ts), so this is lossless.
 */
export function columnsText(slots: readonly (string | null)[]): string {
  const n = slots.length;
  const split: (string[] | null)[] = new Array<string[] | null>(n);
  const counts: (number | string)[] = new Array<number | string>(n);
  let widest = 0;
  for (let i = 0; i < n; i++) {
    const text = slots[i];
    const values = text === null || text === undefined ? null : text.split('\u001f');
    split[i] = values;
    counts[i] = values === null ? '-' : values.length;
    if (values !== null && values.length > widest) widest = values.length;
  }
  const out: string[] = [];
  for (let c = 0; c < widest; c++) {
    for (let i = 0; i < n; i++) {
      const values = split[i];
      if (values !== null && values !== undefined && c < values.length) out.push(values[c] as string);
    }
  }
  return counts.join(',') + '\n' + out.join('\u001f');
}
