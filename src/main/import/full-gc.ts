// A full garbage collection on a schedule, for the long loops of an import and of `convert`.
// Under allocation pressure (and on a busy machine, where the concurrent collector lags) V8
// grows its heap far beyond the live data; collecting every so many rows keeps the peak RSS
// bounded for a few per cent of the time. The gc function is obtained the documented way
// (--expose-gc, set at run time: V8's flags are the process's, workers included) without
// asking users for a Node flag; where that is refused, collecting is left to V8.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function fullGc(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    return typeof gc === 'function' ? gc : () => {};
  } catch {
    return () => {};
  }
}

/** Counts work done and collects once every `every` units of it. */
export function gcEvery(every: number, gc = fullGc()): (units: number) => void {
  let since = 0;
  return (units) => {
    since += units;
    if (since >= every) {
      since = 0;
      gc();
    }
  };
}
