import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';

/**
 * Tests under test/renderer and test/shell that mock no module, use no DOM and change no global: they
 * run in the `node` project's shared module graph (an isolated file costs a second or more of imports).
 * A new file there is isolated until it is named here.
 */
const SHARED_OK = {
  renderer: [
    'chart-labels',
    'chart-model',
    'chart-render',
    'i18n',
    'import-progress',
    'list-motion',
    'list-selection',
    'row-pages',
    'search-timing',
    'shell-transport',
  ],
  // Not the browser-mode server's tests (server*, serve-cli): a server logs an internal failure to
  // stderr when it happens, which may be after its test ended, into another test's captured stderr
  // (a CLI test in the same process saw four lines where its command wrote one; CI, session 7).
  shell: ['electron-policy', 'error-codes', 'handlers', 'main-bundle', 'packaging', 'scripts'],
};
/**
 * Files that need a fresh module graph each: the shell's tests that mock `electron` (vi.mock), the
 * renderer's that run in happy-dom with fake timers and app-wide stores.
 */
const ISOLATED = Object.entries(SHARED_OK).map(([dir, names]) => `test/${dir}/!(${names.join('|')}).test.ts`);

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)) } },
  test: {
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one fork fewer than the cores: one fork on a two-core machine, which then
    // sits idle while a test waits for a spawned CLI, a worker thread or a child process. Two forks at
    // least (each loads the core's modules once: a few CPU-s more for the whole suite).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**', ...ISOLATED],
          // The core's tests share one module graph per worker: loading src/main (SQLite, the CLI's
          // commands, exceljs) again for every file cost more than half of the suite's time. They
          // mock no module and restore what they change (runCli restores stdout, stderr and env).
          isolate: false,
        },
      },
      {
        extends: true,
        // ECharts is not loaded here (test/renderer/echarts-stub.ts says why); the node project's chart tests load it.
        resolve: {
          alias: [
            {
              find: /^(vue-echarts|echarts\/(core|renderers|charts|components|features))$/,
              replacement: fileURLToPath(new URL('./test/renderer/echarts-stub.ts', import.meta.url)),
            },
          ],
        },
        test: {
          name: 'isolated',
          include: ISOLATED,
          // Each file in a VM context of its own inside a long-lived worker thread: a fresh module graph
          // and happy-dom window per file as before, without a new process per file to start and load
          // vitest, Vue and happy-dom into (CPU for these 28 files: 92 -> 41-47 s; the environment's
          // set-up 40 -> 3-6 s). Vitest's caveat: an error thrown by a Node built-in is of another realm
          // (`instanceof Error` is false for it), so assert on messages or codes in these files.
          pool: 'vmThreads',
        },
      },
    ],
  },
});
