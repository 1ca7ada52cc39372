// A note's text in the review panel: a 10,000-character word (a pasted URL, a hash) ran
// out of the panel to the right, and a note written right-to-left was laid out
// left-to-right. happy-dom computes no layout, so the stylesheet rule and the direction
// attribute are what is checked here; the screenshots of the audit showed the overflow.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const sfc = readFileSync(new URL('../../src/renderer/src/components/ReviewNotes.vue', import.meta.url), 'utf8');
const style = sfc.slice(sfc.indexOf('<style'));

describe("a note's text", () => {
  it('breaks a word longer than the panel', () => {
    const rule = /\n\.text \{([^}]*)\}/.exec(style)?.[1] ?? '';
    expect(rule).toMatch(/overflow-wrap: anywhere;/);
  });

  it('takes its direction from its own text (each version as well)', () => {
    const texts = sfc.match(/<(p|span)[^>]*class="text"[^>]*>/g) ?? [];
    expect(texts).toHaveLength(2);
    for (const tag of texts) expect(tag).toContain('dir="auto"');
  });
});
