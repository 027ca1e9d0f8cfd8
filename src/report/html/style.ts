/** The report page's stylesheet, inlined (the page must work from file:// with no network). */
export const STYLE = `
:root {
  --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --line: #e8ecf0; --panel: #f6f8fa; --bg: #fff; --accent: #0969da;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  color: var(--fg); background: var(--bg);
}
body { margin: 0; font-size: 14px; line-height: 1.45; }
header, section { padding: 0 24px; }
header { padding-top: 16px; }
h1 { font-size: 20px; margin: 0 0 2px; }
h2 { font-size: 15px; margin: 20px 0 8px; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin: 12px 0 0; }
.figure { border: 1px solid var(--border); border-radius: 6px; padding: 8px 12px; background: var(--panel); margin: 0; }
.figure dt { font-size: 12px; color: var(--muted); }
.figure dd { margin: 2px 0 0; font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.figure dd .chip { font-size: 12px; font-weight: 500; margin: 2px 4px 0 0; }
.figure.wide { grid-column: span 2; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; list-style: none; padding: 0; margin: 4px 0 10px; font-size: 12px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.chip { display: inline-flex; align-items: center; gap: 4px; padding: 0 6px; border-radius: 4px; border: 1px solid transparent; white-space: nowrap; }
form.filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: flex-end; margin: 0 0 8px; }
form.filters label { display: flex; flex-direction: column; gap: 2px; font-size: 12px; color: var(--muted); }
form.filters label.check { flex-direction: row; align-items: center; gap: 6px; padding-bottom: 5px; color: var(--fg); }
input, select, button { font: inherit; font-size: 13px; color: var(--fg); }
input[type=search], select { padding: 4px 6px; border: 1px solid var(--border); border-radius: 6px; background: #fff; }
input[type=search] { width: 14rem; }
button { padding: 4px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--panel); cursor: pointer; }
button:disabled { color: var(--muted); cursor: default; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.bar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; margin: 6px 0; font-size: 12px; }
.pager { display: flex; align-items: center; gap: 8px; }
.scroll { position: relative; overflow: auto; max-height: 72vh; border: 1px solid var(--border); border-radius: 6px; }
table { border-collapse: separate; border-spacing: 0; }
.matrix { font-size: 12px; table-layout: fixed; }
.matrix th, .matrix td { box-sizing: border-box; overflow: hidden; text-overflow: ellipsis; padding: 3px 8px; border-bottom: 1px solid var(--line); border-right: 1px solid var(--line); white-space: nowrap; text-align: left; font-weight: normal; }
.matrix thead th { position: sticky; top: 0; z-index: 2; background: var(--panel); font-weight: 600; vertical-align: bottom; border-bottom: 1px solid var(--border); }
.matrix .pkg { position: sticky; left: 0; z-index: 1; background: #fff; }
.matrix .ref { position: sticky; left: 240px; z-index: 1; background: #fff; border-right: 1px solid var(--border); }
.matrix .pad { padding: 0; border: 0; }
.matrix thead .pkg, .matrix thead .ref { z-index: 3; background: var(--panel); }
.matrix tbody tr:hover th, .matrix tbody tr:hover td.ref { background: #f0f6ff; }
.matrix.vertical thead th.svc { padding: 6px 4px; }
.matrix.vertical thead th.svc span { display: block; writing-mode: vertical-rl; transform: rotate(180deg); max-height: 11rem; overflow: hidden; text-overflow: ellipsis; }
.matrix td.c { font-variant-numeric: tabular-nums; }
.c a, .conflicts a { color: inherit; text-decoration: none; }
.c a:hover, .c a:focus-visible, .conflicts a:hover { text-decoration: underline; }
.sym { display: inline-block; width: 1.2em; margin-right: 2px; text-align: center; font-weight: 700; }
.dir { font-weight: 700; margin-left: 2px; }
.flag { color: var(--muted); margin-left: 3px; font-size: 11px; }
.eco { font-size: 11px; padding: 0 4px; border-radius: 3px; background: #eef1f4; color: var(--muted); margin-left: 4px; }
.base { font-size: 11px; padding: 0 4px; border-radius: 3px; background: #fff4c1; color: #6a4a00; border: 1px solid #e9cf6b; margin-left: 4px; }
.base.in { background: #e6f4ea; color: #1a5e2f; border-color: #9fd3ad; }
.c-same { background: #f1f9f3; color: #1a5e2f; }
.c-range { background: #e8f0fe; color: #1a4f9c; }
.c-patch { background: #fff6cc; color: #6e5300; }
.c-minor { background: #ffe1bd; color: #8a3f00; }
.c-major { background: #fccfca; color: #9b1c13; }
.c-unsatisfiable { background: #8e1a4d; color: #fff; }
.c-unsatisfiable .flag { color: #f3d0de; }
.c-absent { background: transparent; color: #aab1b9; }
.chip.c-absent { border-color: var(--border); }
.conflicts { font-size: 13px; width: 100%; }
.conflicts th, .conflicts td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
.conflicts thead th { background: var(--panel); font-size: 12px; color: var(--muted); font-weight: 600; }
.conflicts ul { list-style: none; margin: 0; padding: 0; }
.conflicts li { white-space: nowrap; }
.conflicts details summary { cursor: pointer; color: var(--accent); font-size: 12px; }
.empty { padding: 16px; color: var(--muted); }
footer { padding: 16px 24px 24px; }
`;
