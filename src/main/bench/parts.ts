// Registry of bench parts, run in this order. Add yours here.
import { convertBench } from './convert';
import type { BenchPart } from './part';

export const benchParts: BenchPart[] = [convertBench];
