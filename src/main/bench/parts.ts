// Registry of bench parts, run in this order. Add yours here.
import type { BenchPart } from './part';

export const benchParts: BenchPart[] = [];
