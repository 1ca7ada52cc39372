// Types of electron-builder.config.mjs for the packaging tests (electron-builder's own types describe the rest).
declare const config: {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  afterPack: string;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  [key: string]: unknown;
};
export default config;
