// electron-builder configuration (`npm run package`): Linux AppImage + deb, Windows NSIS, macOS dmg.
// Electron's fuses are flipped in the afterPack hook (scripts/package/after-pack.mjs) before any
// signing. What has and has not run on the development machine: docs/desktop.md. Tested as data:
// test/shell/packaging.test.ts.

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'app.callscope.desktop',
  productName: 'Callscope',
  copyright: 'Callscope contributors',
  directories: { output: 'dist', buildResources: 'resources/build' },
  // The built app only (electron-vite's out/): no sources, no source maps, not the development copy of
  // better-sqlite3 for Electron (the packaged app's own better-sqlite3 is rebuilt for Electron).
  files: [
    'out/**/*',
    'package.json',
    '!**/*.map',
    '!node_modules/.callscope-electron/**',
    '!node_modules/**/{test,tests,docs,example,examples}/**',
    '!node_modules/**/*.{md,ts,map}',
  ],
  asar: true,
  // A native module cannot be loaded from inside an ASAR archive.
  asarUnpack: ['node_modules/better-sqlite3/build/Release/*.node'],
  npmRebuild: true,
  afterPack: './scripts/package/after-pack.mjs',
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    synopsis: 'Offline call archive for contact-centre supervisors and auditors',
  },
  deb: { priority: 'optional' },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: { target: ['dmg'], category: 'public.app-category.business', hardenedRuntime: true },
  fileAssociations: [{ ext: ['callscope', 'sqlite'], name: 'Callscope archive', role: 'Editor' }],
};

export default config;
