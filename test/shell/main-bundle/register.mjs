// `node --import ./register.mjs out/main/index.js …`: runs the BUILT Electron main
// process under plain Node, with `electron` resolved to electron-stub.mjs.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
