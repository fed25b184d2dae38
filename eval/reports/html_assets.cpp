#include "eval/reports/html_assets.hpp"

namespace genops::eval::reports {

const std::string_view k_html_css = R"CSS(
:root { --pass: #1a7f37; --fail: #cf222e; --skip: #9a6700; --line: #d0d7de; --muted: #57606a; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #1f2328; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
.muted { color: var(--muted); }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
#results th { cursor: pointer; user-select: none; white-space: nowrap; }
#results th[data-dir="1"]::after { content: " \25B2"; } #results th[data-dir="-1"]::after { content: " \25BC"; }
#results tbody tr.row { cursor: pointer; } #results tbody tr.row:hover { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.pass { color: var(--pass); font-weight: 600; } .fail { color: var(--fail); font-weight: 600; }
.skip { color: var(--skip); font-weight: 600; }
pre { white-space: pre-wrap; word-break: break-word; background: #f6f8fa; padding: 8px; margin: 4px 0; max-height: 360px; overflow: auto; }
.details td { background: #fbfbfc; } .details h4 { margin: 8px 0 2px; font-size: 13px; }
.metric { display: inline-block; margin: 0 24px 12px 0; vertical-align: top; }
.metric svg rect.bar { fill: #4f7bd9; } .metric svg text { font-size: 10px; fill: var(--muted); }
#controls { margin: 8px 0; } #controls input[type=search] { padding: 4px 6px; width: 260px; }
)CSS";

const std::string_view k_html_js = R"JS(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('genops-data').textContent);
  var results = data.results || [];
  var table = document.getElementById('results');
  var tbody = table.querySelector('tbody');
  var columns = [
    { key: 'case_index', label: '#', num: true },
    { key: 'case', label: 'case' },
    { key: 'provider', label: 'provider' },
    { key: 'repeat', label: 'repeat', num: true },
    { key: 'pass', label: 'result' },
    { key: 'score', label: 'score', num: true },
    { key: 'latency_ms', label: 'latency ms', num: true },
    { key: 'cost_usd', label: 'cost $', num: true },
    { key: 'reasons', label: 'why' }
  ];
  var sortKey = 'case_index', sortDir = 1, openKey = null;

  function value(r, key) {
    if (key === 'case') return r.name || r.description || r.case_key;
    if (key === 'pass') return r.pass ? 1 : 0;
    if (key === 'reasons') return (r.reasons || []).join('; ');
    return r[key];
  }
  function text(tag, content, cls) {
    var el = document.createElement(tag);
    el.textContent = content;
    if (cls) el.className = cls;
    return el;
  }
  function readHash() {
    var o = /(?:^#|&)open=([^&]*)/.exec(location.hash);
    openKey = o ? decodeURIComponent(o[1]) : null;
    var m = /(?:^#|&)sort=(-?)([a-z_]+)/.exec(location.hash);
    if (!m) return;
    for (var i = 0; i < columns.length; i++) {
      if (columns[i].key === m[2]) { sortKey = m[2]; sortDir = m[1] === '-' ? -1 : 1; }
    }
  }
  function compare(a, b) {
    var x = value(a, sortKey), y = value(b, sortKey);
    if (x === y) return (a.case_index - b.case_index) || (a.repeat - b.repeat);
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * sortDir;
    return String(x).localeCompare(String(y)) * sortDir;
  }
  function details(r) {
    var tr = document.createElement('tr');
    tr.className = 'details';
    var td = document.createElement('td');
    td.colSpan = columns.length;
    td.appendChild(text('h4', 'vars'));
    td.appendChild(text('pre', JSON.stringify(r.vars, null, 2)));
    if (r.expected !== null && r.expected !== undefined) {
      td.appendChild(text('h4', 'expected'));
      td.appendChild(text('pre', r.expected));
    }
    if (r.error) { td.appendChild(text('h4', 'error')); td.appendChild(text('pre', r.error)); }
    td.appendChild(text('h4', 'output'));
    td.appendChild(text('pre', r.output));
    td.appendChild(text('h4', 'assertions'));
    var t = document.createElement('table');
    var head = document.createElement('tr');
    ['type', 'metric', 'result', 'score', 'threshold', 'reason'].forEach(function (h) { head.appendChild(text('th', h)); });
    t.appendChild(head);
    (r.assertions || []).forEach(function (a) {
      var row = document.createElement('tr');
      row.appendChild(text('td', a.type));
      row.appendChild(text('td', a.metric));
      row.appendChild(text('td', a.error ? 'error' : a.pass ? 'pass' : 'fail', a.pass && !a.error ? 'pass' : 'fail'));
      row.appendChild(text('td', a.score === null ? '' : String(a.score), 'num'));
      row.appendChild(text('td', a.threshold === null ? '' : String(a.threshold), 'num'));
      row.appendChild(text('td', a.reason));
      t.appendChild(row);
    });
    td.appendChild(t);
    tr.appendChild(td);
    return tr;
  }
  function render() {
    var needle = document.getElementById('filter').value.toLowerCase();
    var failingOnly = document.getElementById('failing-only').checked;
    var rows = results.filter(function (r) {
      if (failingOnly && r.pass) return false;
      if (!needle) return true;
      return (r.case_key + ' ' + r.description + ' ' + r.provider + ' ' + value(r, 'reasons')).toLowerCase().indexOf(needle) >= 0;
    });
    rows.sort(compare);
    while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.className = 'row';
      tr.setAttribute('data-case-key', r.case_key);
      columns.forEach(function (c) {
        var v = value(r, c.key);
        if (c.key === 'pass') tr.appendChild(text('td', r.pass ? 'pass' : (r.error ? 'error' : 'fail'), r.pass ? 'pass' : 'fail'));
        else if (c.key === 'score') tr.appendChild(text('td', Number(v).toFixed(3), 'num'));
        else if (c.key === 'cost_usd') tr.appendChild(text('td', Number(v).toFixed(5), 'num'));
        else tr.appendChild(text('td', v === undefined || v === null ? '' : String(v), c.num ? 'num' : ''));
      });
      var open = null;
      tr.addEventListener('click', function () {
        if (open) { open.remove(); open = null; return; }
        open = details(r);
        tr.after(open);
      });
      tbody.appendChild(tr);
      if (openKey !== null && r.case_key === openKey) { openKey = null; tr.click(); }
    });
    Array.prototype.forEach.call(table.querySelectorAll('thead th'), function (th) {
      th.setAttribute('data-dir', th.getAttribute('data-key') === sortKey ? String(sortDir) : '0');
    });
    table.setAttribute('data-sorted-by', (sortDir < 0 ? '-' : '') + sortKey);
    document.body.setAttribute('data-rendered', String(rows.length));
  }
  var headRow = table.querySelector('thead tr');
  columns.forEach(function (c) {
    var th = text('th', c.label);
    th.setAttribute('data-key', c.key);
    th.addEventListener('click', function () {
      sortDir = sortKey === c.key ? -sortDir : 1;
      sortKey = c.key;
      history.replaceState(null, '', '#sort=' + (sortDir < 0 ? '-' : '') + sortKey);
      render();
    });
    headRow.appendChild(th);
  });
  document.getElementById('filter').addEventListener('input', render);
  document.getElementById('failing-only').addEventListener('change', render);
  window.addEventListener('hashchange', function () { readHash(); render(); });
  readHash();
  render();
})();
)JS";

}  // namespace genops::eval::reports
