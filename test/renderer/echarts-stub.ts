// ECharts and vue-echarts as the component tests (vitest.config.mts's `isolated` project, happy-dom)
// load them. happy-dom has no canvas: every component test stubs its chart (EventChart by name) and
// none draws one, yet each test file's fresh VM context loaded ECharts' modules (about 2 MB) again
// (the isolated project alone, three runs each at load 3-5: 43.5 -> 39.4 CPU-s on average). Charts are
// tested where ECharts is real, in the node project: chart-render.test.ts and chart-labels.test.ts
// (ECharts' SVG renderer). Drawing through this stub throws, so a test that comes to need a real
// chart says so instead of passing over nothing.
import { defineComponent, h } from 'vue';

function notLoaded(): never {
  throw new Error(
    'ECharts is not loaded in the component tests (vitest.config.mts): test the chart in the node project, as test/renderer/chart-render.test.ts does',
  );
}

/** `echarts/core`: registering parts is a no-op; drawing is refused. */
export const use = (): void => undefined;
export const init = notLoaded;
/** The parts a component registers (`echarts/renderers`, `charts`, `components`, `features`): names only. */
export const CanvasRenderer = {};
export const SVGRenderer = {};
export const CustomChart = {};
export const BarChart = {};
export const HeatmapChart = {};
export const LineChart = {};
export const DataZoomComponent = {};
export const GridComponent = {};
export const TooltipComponent = {};
export const LegendComponent = {};
export const VisualMapComponent = {};
export const AxisBreak = {};

/** `vue-echarts`' VChart: an empty box where the chart would be; asking it for a picture throws. */
export default defineComponent({
  name: 'VChart',
  setup(_, { expose }) {
    expose({ getDataURL: notLoaded, setOption: notLoaded });
    return () => h('div', { class: 'echarts-stub' });
  },
});
