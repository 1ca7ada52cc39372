// The option object drawn by real ECharts (server-side SVG rendering, no canvas):
// proves the model is a valid ECharts 6 option — custom bars, axis breaks, labels.
import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { CustomChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { AxisBreak } from 'echarts/features';
import { buildGanttModel, buildGanttOption, LIGHT_CHART_THEME, type ChartTexts } from '../../src/shared/chart';
import { callbackSecondAttempt, calloutUnanswered, detailOf } from './fixtures';

echarts.use([SVGRenderer, CustomChart, GridComponent, TooltipComponent, DataZoomComponent, AxisBreak]);

const texts: ChartTexts = {
  typeLabel: (t) =>
    ({ queue: 'Queue', queue_callback: 'Queue (callback)', conversation: 'Conversation', menu: 'Menu' })[t as string] ??
    t,
  formatTime: (ms) => new Date(ms).toISOString().slice(11, 19),
  formatDateTime: (ms) => new Date(ms).toISOString(),
  start: 'Start',
  end: 'End',
  duration: 'Duration',
  result: 'Result',
  rawRows: 'Raw rows',
};

function render(call = callbackSecondAttempt): string {
  const d = detailOf(call);
  const option = buildGanttOption(buildGanttModel(d.call, d.eventSources, 'en'), texts, LIGHT_CHART_THEME, d.rawRows);
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 1100, height: 260 });
  chart.setOption(option as unknown as echarts.EChartsCoreOption);
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

describe('ECharts draws the Gantt option', () => {
  it('draws one bar per event with its text, and the row labels', () => {
    const svg = render();
    expect(svg).toContain('4:22 · Bo Jensen');
    expect(svg).toContain('1 unanswered call finished');
    expect(svg).toContain('4. Queue (callback)');
    expect(svg).toContain('5. Conversation');
    // The bar colours of the event types are painted.
    expect(svg.toLowerCase()).toContain('#2f9d5a');
    expect(svg.toLowerCase()).toContain('#8a63d2');
  });

  it('labels both sides of the cut: the order minutes and the answer minutes', () => {
    const svg = render();
    expect(svg).toContain('08:00:00');
    expect(svg).toMatch(/11:1\d:\d\d/);
    // A linear axis over 08:00–11:15 would spend its ticks on the empty hours in between.
    expect(svg).not.toContain('09:00:00');
    expect(svg).not.toContain('10:00:00');
  });

  it('draws a zero-length event', () => {
    const svg = render(calloutUnanswered);
    expect(svg).toContain('1. Queue');
    expect(svg).toContain('0:00 · Callout');
  });
});
