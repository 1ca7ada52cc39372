import { describe, expect, it } from 'vitest';
import { statTicks, ThreadCpuSampler } from '../../src/main/bench/thread-cpu';

describe('statTicks', () => {
  it('adds utime and stime (fields 14 and 15), counting after the last parenthesis of the name', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    expect(statTicks('123 (node) S 1 2 3 4 5 6 7 8 9 10 250 30 0 0 20 0 1 0')).toBe(280);
    expect(statTicks('123 (a (b) c) R 1 2 3 4 5 6 7 8 9 10 7 5 0 0 20 0 1 0')).toBe(12);
  });

  it('refuses what is not a stat line', () => {
    expect(statTicks('no parenthesis here')).toBeNull();
    expect(statTicks('1 (short) S 1 2')).toBeNull();
  });
});

describe('ThreadCpuSampler', () => {
  it.runIf(process.platform === 'linux')('reports every thread of the process, busiest first', () => {
    const threads = new ThreadCpuSampler(60_000).stop();
    expect(threads).not.toBeNull();
    expect(threads!.length).toBeGreaterThan(1); // the main thread and at least V8's or libuv's
    expect([...threads!].sort((a, b) => b - a)).toEqual(threads);
    expect(threads![0]).toBeGreaterThan(0); // this thread has run this test file
  });
});
