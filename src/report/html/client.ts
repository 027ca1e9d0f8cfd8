/**
 * The report page's script, inlined as text. It reads the embedded MatrixData, filters and
 * sorts rows, and renders one page of rows at a time, so 800 packages x 200 services never
 * builds more than a page of cells. Text goes in through textContent only, never as HTML.
 * Plain ES2017 in a string: the build never sees it, test/html/client.test.ts parses it and
 * the browser test runs it.
 */
export const CLIENT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('depaudit-data').textContent);
  var CLASSES = data.classes;
  var ABSENT = CLASSES.indexOf('absent');
  var SYMBOL = { same: '\u2713', range: '\u223c', patch: '\u25d4', minor: '\u25d1', major: '\u25cf', unsatisfiable: '\u2715', absent: '\u2013' };
  var LABEL = { same: 'same as most common', range: 'compatible range', patch: 'patch drift', minor: 'minor drift', major: 'major drift', unsatisfiable: 'unsatisfiable', absent: 'not declared' };
  var DRIFT_CELL = { epoch: 'major', major: 'major', minor: 'minor', patch: 'patch', pre: 'patch', post: 'patch', dev: 'patch', local: 'patch', unsatisfiable: 'unsatisfiable', range: 'range' };
  var DRIFTING = ['patch', 'minor', 'major', 'unsatisfiable'].map(function (c) { return CLASSES.indexOf(c); });
  var vertical = data.services.length > 8;

  var rows = data.rows.map(function (r, i) {
    var cells = new Map();
    for (var k = 0; k < r.d.length; k += 5) {
      var cls = r.p[r.d[k + 1]][1];
      var c = cells.get(r.d[k]);
      if (!c) cells.set(r.d[k], { cls: cls, at: [k] });
      else { c.at.push(k); if (cls > c.cls) c.cls = cls; }
    }
    return { i: i, r: r, cells: cells, key: r.n.toLowerCase(), worst: 0 };
  });

  var $ = function (id) { return document.getElementById(id); };
  var form = $('filters');
  var inputs = { q: $('f-name'), cls: $('f-class'), svc: $('f-service'), sort: $('f-sort'), base: $('f-base'), size: $('f-size') };
  var page = 0;
  var conflictLimit = 25;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // Paths are relative to the scanned root: "./" keeps a path like "javascript:x/..." relative.
  function href(path) { return './' + path.split('/').map(encodeURIComponent).join('/'); }
  function where(path, line) { return line > 0 ? path + ':' + line : path; }
  function link(path, line, text) {
    var a = el('a', '', text === undefined ? where(path, line) : text);
    a.href = href(path);
    return a;
  }

  function state() {
    return {
      q: inputs.q.value.trim().toLowerCase(),
      cls: inputs.cls.value,
      svc: inputs.svc.value === '' ? null : Number(inputs.svc.value),
      sort: inputs.sort.value,
      base: inputs.base.checked,
      size: Number(inputs.size.value)
    };
  }
  function visibleServices(s) {
    if (s.svc !== null) return [s.svc];
    return data.services.map(function (_, i) { return i; });
  }
  function wanted(s, k) {
    if (s.cls === '') return k !== ABSENT;
    if (s.cls === 'drift') return DRIFTING.indexOf(k) >= 0;
    return CLASSES[k] === s.cls;
  }
  // A row shows when its name matches and one of the visible cells has the wanted class.
  function select(s, cols) {
    var out = [];
    rows.forEach(function (row) {
      if (s.q && row.key.indexOf(s.q) < 0) return;
      if (s.base && row.r.b === 0) return;
      var hit = false;
      var worst = 0;
      for (var j = 0; j < cols.length; j++) {
        var c = row.cells.get(cols[j]);
        var k = c ? c.cls : ABSENT;
        if (k !== ABSENT && k > worst) worst = k;
        if (!hit && wanted(s, k)) hit = true;
      }
      row.worst = worst;
      if (hit) out.push(row);
    });
    if (s.sort === 'name') out.sort(function (a, b) { return a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i; });
    else if (s.sort === 'drift') out.sort(function (a, b) { return b.worst - a.worst || a.i - b.i; });
    else out.sort(function (a, b) { return a.i - b.i; });
    return out;
  }

  function headRow(cols) {
    var tr = el('tr');
    var th = el('th', 'pkg', 'Package');
    th.scope = 'col';
    tr.appendChild(th);
    th = el('th', 'ref', 'Most common');
    th.scope = 'col';
    th.title = 'The reference each cell is compared with: the version most services pin (ties to the highest), else the most common specifier';
    tr.appendChild(th);
    cols.forEach(function (si) {
      var name = data.services[si];
      var h = el('th', 'svc');
      h.scope = 'col';
      h.title = name;
      h.dataset.service = name;
      h.appendChild(el('span', '', name));
      tr.appendChild(h);
    });
    return tr;
  }

  function packageCell(r) {
    var th = el('th', 'pkg');
    th.scope = 'row';
    th.title = r.e === 'pypi' ? r.n : r.n + ' (' + r.e + ')';
    th.appendChild(el('span', 'name', r.n));
    if (r.e !== 'pypi') th.appendChild(el('span', 'eco', r.e));
    if (r.b !== 0) {
      var b = el('span', r.b === 2 ? 'base in' : 'base', r.b === 2 ? '\u2605 in base' : '\u2605 base');
      b.title = r.b === 2 ? 'already inherited from a base file' : 'shared-base candidate' + (r.bv ? ': proposed ' + r.bv : '');
      th.appendChild(b);
    }
    return th;
  }

  function refCell(r) {
    var td = el('td', 'ref mono', r.r);
    if (r.b === 1 && r.bv && r.bv !== r.r) td.appendChild(el('span', 'base', '\u2605 ' + r.bv));
    return td;
  }

  function cell(row, si) {
    var c = row.cells.get(si);
    var k = c ? c.cls : ABSENT;
    var name = CLASSES[k];
    var td = el('td', 'c c-' + name);
    td.dataset.drift = name;
    var sym = el('span', 'sym', SYMBOL[name]);
    sym.setAttribute('aria-hidden', 'true');
    td.appendChild(sym);
    if (!c) {
      td.appendChild(el('span', 'sr', LABEL[name]));
      td.title = data.services[si] + ': ' + LABEL[name];
      return td;
    }
    var r = row.r;
    var labels = [];
    var lines = [];
    var dir = 0;
    var flags = 7;
    c.at.forEach(function (k0) {
      var spec = r.p[r.d[k0 + 1]];
      if (labels.indexOf(spec[0]) < 0) labels.push(spec[0]);
      if (spec[1] === c.cls && spec[2] !== 0) dir = spec[2];
      var f = r.d[k0 + 4];
      flags &= f;
      lines.push(spec[0] + (spec[3] ? ' ; ' + spec[3] : '') + '  ' + where(data.paths[r.d[k0 + 2]], r.d[k0 + 3]) + (f & 1 ? ' (inherited)' : '') + (f & 2 ? ' (constraint)' : '') + (f & 4 ? ' (build)' : ''));
    });
    var dirText = dir < 0 ? 'lower' : dir > 0 ? 'higher' : '';
    td.appendChild(el('span', 'sr', LABEL[name] + (dirText ? ', ' + dirText : '') + ': '));
    var first = c.at[0];
    td.appendChild(link(data.paths[r.d[first + 2]], r.d[first + 3], labels.join(' / ')));
    if (dir !== 0) {
      var d = el('span', 'dir', dir < 0 ? '\u2193' : '\u2191');
      d.setAttribute('aria-hidden', 'true');
      td.appendChild(d);
    }
    if (flags & 1) td.appendChild(el('span', 'flag', 'inh.'));
    if (flags & 2) td.appendChild(el('span', 'flag', '-c'));
    if (flags & 4) td.appendChild(el('span', 'flag', 'build'));
    td.title = data.services[si] + ': ' + LABEL[name] + (dirText ? ' (' + dirText + ')' : '') + ' against ' + (r.r || 'any') + '\n' + lines.join('\n');
    return td;
  }

  function renderMatrix(s, cols, list) {
    var table = $('matrix');
    table.classList.toggle('vertical', vertical && cols.length > 1);
    var thead = table.tHead;
    thead.replaceChildren(headRow(cols));
    var pages = Math.max(1, Math.ceil(list.length / s.size));
    if (page >= pages) page = pages - 1;
    var start = page * s.size;
    var end = Math.min(list.length, start + s.size);
    var body = document.createDocumentFragment();
    for (var i = start; i < end; i++) {
      var row = list[i];
      var tr = el('tr');
      tr.dataset.package = row.r.n;
      tr.dataset.ecosystem = row.r.e;
      tr.appendChild(packageCell(row.r));
      tr.appendChild(refCell(row.r));
      for (var j = 0; j < cols.length; j++) tr.appendChild(cell(row, cols[j]));
      body.appendChild(tr);
    }
    table.tBodies[0].replaceChildren(body);
    $('empty').hidden = list.length > 0;
    $('status').textContent = list.length === 0
      ? 'No package matches the filters (' + rows.length + ' packages in all).'
      : 'Packages ' + (start + 1) + '\u2013' + end + ' of ' + list.length + ' matching (' + rows.length + ' in all), ' + cols.length + ' of ' + data.services.length + ' services shown.';
    $('page').textContent = 'Page ' + (page + 1) + ' of ' + pages;
    $('prev').disabled = page === 0;
    $('next').disabled = page >= pages - 1;
  }

  function renderConflicts(s, list) {
    var shown = {};
    list.forEach(function (row) { shown[row.i] = true; });
    var matching = data.conflicts.filter(function (c) { return c.row < 0 ? !s.q || c.package.toLowerCase().indexOf(s.q) >= 0 : shown[c.row]; });
    var body = $('conflicts').tBodies[0];
    var frag = document.createDocumentFragment();
    matching.slice(0, conflictLimit).forEach(function (c) {
      var tr = el('tr');
      tr.dataset.package = c.package;
      tr.appendChild(el('td', '', c.package));
      var cls = DRIFT_CELL[c.drift] || 'range';
      var td = el('td');
      var chip = el('span', 'chip c-' + cls);
      var sym = el('span', 'sym', SYMBOL[cls]);
      sym.setAttribute('aria-hidden', 'true');
      chip.appendChild(sym);
      chip.appendChild(document.createTextNode(c.drift || c.rule));
      td.appendChild(chip);
      tr.appendChild(td);
      tr.appendChild(el('td', 'mono', c.rule));
      tr.appendChild(el('td', '', c.message));
      var at = el('td', 'mono');
      var ul = el('ul');
      var target = ul;
      for (var k = 0; k < c.l.length; k += 2) {
        // Past eight locations, the rest fold away: a conflict can span hundreds of services.
        if (k === 16 && c.l.length > 20) {
          var more = el('details');
          more.appendChild(el('summary', '', (c.l.length / 2 - 8) + ' more'));
          target = el('ul');
          more.appendChild(target);
          ul.appendChild(el('li')).appendChild(more);
        }
        target.appendChild(el('li')).appendChild(link(data.paths[c.l[k]], c.l[k + 1]));
      }
      at.appendChild(ul);
      tr.appendChild(at);
      frag.appendChild(tr);
    });
    body.replaceChildren(frag);
    $('conflicts-status').textContent = matching.length === 0 ? 'No conflict among the packages shown.' : 'Showing ' + Math.min(conflictLimit, matching.length) + ' of ' + matching.length + ' conflicts among the packages shown.';
    $('more-conflicts').hidden = matching.length <= conflictLimit;
  }

  function render() {
    var s = state();
    var cols = visibleServices(s);
    var list = select(s, cols);
    renderMatrix(s, cols, list);
    renderConflicts(s, list);
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); });
  // 'input' fires for the text box, the selects and the checkbox alike ('change' would repeat it on blur).
  form.addEventListener('input', function () { page = 0; conflictLimit = 25; render(); });
  form.addEventListener('reset', function () { setTimeout(function () { page = 0; render(); }, 0); });
  $('prev').addEventListener('click', function () { if (page > 0) { page--; render(); } });
  $('next').addEventListener('click', function () { page++; render(); });
  $('more-conflicts').addEventListener('click', function () { conflictLimit += 100; render(); });

  data.services.forEach(function (name, i) {
    var o = el('option', '', name);
    o.value = String(i);
    inputs.svc.appendChild(o);
  });
  render();
})();
`;
