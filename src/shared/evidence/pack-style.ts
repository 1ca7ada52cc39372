// The evidence pack's one stylesheet: screen and print (A4, tables that repeat
// their header, raw-row cards that do not split across pages).
export const PRINT_CSS = `
:root { color-scheme: light; }
body { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; background: #fff; margin: 0; }
main, footer { max-width: 1100px; margin: 0 auto; padding: 16px 24px; }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 22px 0 8px; border-bottom: 1px solid #cfd4dd; padding-bottom: 3px; }
h3 { font-size: 14px; margin: 14px 0 6px; }
dl.meta, dl.metrics { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 6px 16px; margin: 0; }
dt { font-size: 11.5px; color: #4d5566; }
dd { margin: 0; overflow-wrap: anywhere; }
figure { margin: 0; overflow-x: auto; }
svg.chart { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th, td { border: 1px solid #d5d9e1; padding: 3px 6px; text-align: left; vertical-align: top; }
thead th { background: #eef0f4; }
td.t, td.hash, code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 11.5px; }
td.hash { overflow-wrap: anywhere; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 10px; }
.raw { border: 1px solid #cfd4dd; border-radius: 6px; padding: 6px; break-inside: avoid; }
.row-head { font-size: 12px; margin-bottom: 4px; overflow-wrap: anywhere; }
.code { font-size: 12px; margin-bottom: 4px; }
table.kv th { width: 40%; font-weight: 500; background: #f6f7f9; overflow-wrap: anywhere; }
table.kv td { white-space: pre-wrap; overflow-wrap: anywhere; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11.5px; }
td.empty::after { content: "—"; color: #6b7385; }
.muted { color: #4d5566; }
a { color: #1f5fbf; }
footer { border-top: 2px solid #1d2330; margin-top: 24px; font-size: 12px; }
footer h2 { border: 0; margin-top: 4px; }
footer code { overflow-wrap: anywhere; }
@media print {
  @page { size: A4; margin: 12mm; }
  body { font-size: 10pt; }
  main, footer { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  thead { display: table-header-group; }
  tr, .raw, figure, svg.chart { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .cards { grid-template-columns: 1fr 1fr; }
  thead th, table.kv th, .swatch, svg.chart rect { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`.trim();
