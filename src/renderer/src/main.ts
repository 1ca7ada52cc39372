import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { connect } from './api';
import { makeI18n } from './i18n';
import './styles.css';

async function boot(): Promise<void> {
  try {
    await connect();
  } catch (e) {
    // The app still mounts and shows the one-line error in its header.
    console.error(e instanceof Error ? e.message : e);
  }
  createApp(App).use(createPinia()).use(makeI18n()).mount('#app');
}

void boot();
