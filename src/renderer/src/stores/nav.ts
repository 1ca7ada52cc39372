// Which tab the app shows. A store of its own (not App.vue's state) so the address bar
// (url-sync.ts) and a callscope:// link can name the tab as they name a search.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppTab } from '../../../shared/links';

export const useNavStore = defineStore('nav', () => {
  const tab = ref<AppTab>('calls');
  return { tab };
});
