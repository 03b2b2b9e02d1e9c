/// The page's style sheet: a dark, TradingView-like palette (green up, red down) that
/// stays readable on a phone: panels stack, wide tables and pictures scroll sideways.
enum ReportStyle {
    static let css = #"""
    :root { --bg:#131722; --panel:#1e222d; --ink:#d1d4dc; --dim:#8a91a0; --line:#2a2e39; --up:#26a69a; --down:#ef5350;
            --best:#f0b90b; --chosen:#42a5f5; --mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; }
    * { box-sizing:border-box; }
    body { margin:0; background:var(--bg); color:var(--ink); font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif; }
    header.top { padding:16px 20px 4px; }
    h1 { margin:0; font-size:22px; font-weight:600; }
    h1 .brand { color:var(--best); font-weight:700; margin-right:6px; }
    .sub { margin:4px 0 0; color:var(--dim); }
    main { display:grid; grid-template-columns:minmax(0,1fr) minmax(0,1fr); gap:14px; padding:12px 20px 28px; max-width:1600px; }
    .panel { background:var(--panel); border:1px solid var(--line); border-radius:6px; padding:12px 14px; min-width:0; }
    #market, #runs, #levels, #cascades, #facts { grid-column:1 / -1; }
    h2 { margin:0 0 8px; font-size:16px; font-weight:600; }
    h3 { margin:10px 0 4px; font-size:13px; font-weight:600; color:var(--dim); }
    h2 .count, #market-symbol { color:var(--dim); font-weight:400; }
    .controls { display:flex; flex-wrap:wrap; gap:8px 16px; align-items:center; margin-bottom:8px; color:var(--dim); }
    select { background:var(--bg); color:var(--ink); border:1px solid var(--line); border-radius:4px; padding:4px 6px; font:inherit; max-width:100%; }
    #run-select { max-width:min(720px, 80vw); }
    .chart { width:100%; }
    .chart svg { display:block; width:100%; }
    .chart text, .legend, .note { font-size:12px; }
    .legend { color:var(--dim); margin:6px 0 0; display:flex; flex-wrap:wrap; gap:2px 14px; }
    .legend .item { white-space:nowrap; }
    .note { color:var(--dim); margin:6px 0; }
    .missing { color:var(--best); }
    .key { display:inline-block; width:12px; height:10px; margin:0 5px 0 0; vertical-align:baseline; border-radius:2px; }
    .key.up { background:var(--up); } .key.down { background:var(--down); }
    .key.best { background:var(--best); } .key.chosen { background:var(--chosen); }
    .key.entry { background:#42a5f5; } .key.exit { background:#ffffff; }
    .key.band-up { background:rgba(38,166,154,.28); } .key.band-down { background:rgba(239,83,80,.28); }
    .key.vol-c { background:#5c6bc0; } .key.vol-n { background:#4a5060; } .key.vol-e { background:#ff9800; }
    .scroll { overflow-x:auto; -webkit-overflow-scrolling:touch; }
    .scroll.tall { max-height:560px; overflow-y:auto; }
    table { border-collapse:collapse; width:100%; font-size:13px; }
    th, td { padding:5px 7px; border-bottom:1px solid var(--line); text-align:right; white-space:nowrap; }
    th:first-child, td:first-child { text-align:left; }
    #cascades-table td, #cascades-table th { text-align:left; }
    #cascades-table td.num { text-align:right; }
    th { color:var(--dim); font-weight:600; position:sticky; top:0; background:var(--panel); }
    table.sortable th { cursor:pointer; user-select:none; }
    table.sortable th[aria-sort=ascending]::after { content:" ▲"; color:var(--chosen); }
    table.sortable th[aria-sort=descending]::after { content:" ▼"; color:var(--chosen); }
    #runs-table tbody tr { cursor:pointer; }
    #runs-table tbody tr:hover { background:#262b38; }
    #runs-table tr.best td:first-child { color:var(--best); }
    #runs-table tr.chosen { background:rgba(66,165,245,.16); }
    td { font-variant-numeric:tabular-nums; }
    .mix { display:inline-block; width:80px; height:8px; background:var(--up); border-radius:2px; margin-right:8px; vertical-align:middle; overflow:hidden; }
    .mix-long { display:block; height:100%; background:var(--down); }
    .mix-text { color:var(--dim); }
    .heatmap svg { display:block; width:100%; height:auto; min-width:640px; }
    dl.facts { display:grid; grid-template-columns:max-content minmax(0,1fr); gap:4px 14px; margin:0 0 10px; }
    dt { color:var(--dim); } dd { margin:0; overflow-wrap:anywhere; }
    code { font-family:var(--mono); font-size:12px; }
    code.hash { overflow-wrap:anywhere; white-space:normal; color:var(--dim); }
    ul.inputs { list-style:none; margin:0; padding:0; }
    ul.inputs li { padding:6px 0; border-top:1px solid var(--line); display:flex; flex-wrap:wrap; gap:2px 14px; }
    ul.inputs code { overflow-wrap:anywhere; }
    .tip { position:fixed; pointer-events:none; background:rgba(19,23,34,.94); border:1px solid var(--line); border-radius:4px;
           padding:6px 8px; font:12px/1.4 var(--mono); white-space:pre; z-index:10; display:none; }
    @media (max-width: 900px) {
      main { grid-template-columns:minmax(0,1fr); padding:8px; gap:10px; }
      header.top { padding:12px 10px 0; }
      .panel { padding:10px 8px; }
      h1 { font-size:18px; }
      .heatmap svg { min-width:820px; }
    }
    """#
}
