// Renderer preview over the fake API (no backend): `npx vite --config test/renderer/dev/vite.config.mts`.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from '../../../src/renderer/src/App.vue';
import { setApi, setHost } from '../../../src/renderer/src/api';
import { makeI18n } from '../../../src/renderer/src/i18n';
import '../../../src/renderer/src/styles.css';
import { createFakeApi } from '../fake-api';

const size = Number(new URLSearchParams(location.search).get('rows') ?? '20000');
setApi(createFakeApi({ generated: size }));
setHost({
  mode: 'browser',
  pickExportFiles: async () => null,
  uploadFiles: async (files) => files.map((f) => `/uploads/${f.name}`),
  onCommand: () => () => undefined,
});
createApp(App).use(createPinia()).use(makeI18n()).mount('#app');
