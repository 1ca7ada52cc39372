// A group's figures for the comparison tests: those of a group with no calls (the module's own
// empty accumulator through finishFigures: counts 0, ratios and times null) with the given ones.
import { emptyAccumulator, finishFigures, type QueueFigures } from '../../src/shared/statistics';

export const figures = (over: Partial<QueueFigures>): QueueFigures => ({
  ...finishFigures(emptyAccumulator(), { slAbandons: 'ignore' }),
  ...over,
});
