/**
 * The report page's script, inlined as text. It reads the embedded MatrixData, filters and
 * sorts rows, and draws one page of rows and only the service columns in view (plus a margin),
 * so 800 packages x 200 services never builds more than a few thousand cells. Every piece of
 * data goes through esc() before it reaches markup. Plain ES2017 in a string: the build never
 * sees it; test/html/render.test.ts compiles it and test/html/browser.test.ts runs it.
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
  // Fixed column widths (px) make table layout cheap and tell which columns are in view.
  var PKG_W = 240, REF_W = 120, MARGIN = 6;
  var vertical = data.services.length > 8;
  var longest = data.services.reduce(function (n, s) { return Math.max(n, s.length); }, 0);
  var COL_W = vertical ? 112 : Math.max(110, Math.min(260, Math.round(longest * 7.2 + 24)));

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
  var table = $('matrix');
  var scroller = $('scroll');
  var inputs = { q: $('f-name'), cls: $('f-class'), svc: $('f-service'), sort: $('f-sort'), base: $('f-base'), size: $('f-size') };
  var view = { cols: [], list: [], size: 50, page: 0, first: -1, last: -1 };
  var conflictLimit = 25;

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; });
  }
  // Paths are relative to the scanned root: "./" keeps a path like "javascript:x/..." relative.
  function href(path) { return './' + path.split('/').map(encodeURIComponent).join('/'); }
  function where(path, line) { return line > 0 ? path + ':' + line : path; }
  function link(path, line, text) { return '<a href="' + esc(href(path)) + '">' + esc(text === undefined ? where(path, line) : text) + '</a>'; }
  function sym(cls) { return '<span class="sym" aria-hidden="true">' + SYMBOL[cls] + '</span>'; }

  function readFilters() {
    return {
      q: inputs.q.value.trim().toLowerCase(),
      cls: inputs.cls.value,
      svc: inputs.svc.value === '' ? null : Number(inputs.svc.value),
      sort: inputs.sort.value,
      base: inputs.base.checked,
      size: Number(inputs.size.value)
    };
  }
  function wanted(f, k) {
    if (f.cls === '') return k !== ABSENT;
    if (f.cls === 'drift') return DRIFTING.indexOf(k) >= 0;
    return CLASSES[k] === f.cls;
  }
  // A row shows when its name matches and one of the shown services' cells has the wanted class.
  function select(f, cols) {
    var out = [];
    rows.forEach(function (row) {
      if (f.q && row.key.indexOf(f.q) < 0) return;
      if (f.base && row.r.b === 0) return;
      var hit = false;
      var worst = 0;
      for (var j = 0; j < cols.length; j++) {
        var c = row.cells.get(cols[j]);
        var k = c ? c.cls : ABSENT;
        if (k !== ABSENT && k > worst) worst = k;
        if (!hit && wanted(f, k)) hit = true;
      }
      row.worst = worst;
      if (hit) out.push(row);
    });
    if (f.sort === 'name') out.sort(function (a, b) { return a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i; });
    else if (f.sort === 'drift') out.sort(function (a, b) { return b.worst - a.worst || a.i - b.i; });
    else out.sort(function (a, b) { return a.i - b.i; });
    return out;
  }

  function packageCell(r) {
    var h = '<th scope="row" class="pkg" title="' + esc(r.e === 'pypi' ? r.n : r.n + ' (' + r.e + ')') + '"><span class="name">' + esc(r.n) + '</span>';
    if (r.e !== 'pypi') h += '<span class="eco">' + esc(r.e) + '</span>';
    if (r.b === 2) h += '<span class="base in" title="already inherited from a base file">\u2605 in base</span>';
    else if (r.b === 1) h += '<span class="base" title="' + esc('shared-base candidate' + (r.bv ? ': proposed ' + r.bv : '')) + '">\u2605 base</span>';
    return h + '</th>';
  }
  function refCell(r) {
    var h = '<td class="ref mono">' + esc(r.r);
    if (r.b === 1 && r.bv && r.bv !== r.r) h += ' <span class="base">\u2605 ' + esc(r.bv) + '</span>';
    return h + '</td>';
  }
  function cell(row, si) {
    var c = row.cells.get(si);
    if (!c) return '<td class="c c-absent" data-s="' + si + '">' + sym('absent') + '<span class="sr">not declared</span></td>';
    var r = row.r;
    var name = CLASSES[c.cls];
    var labels = [];
    var dir = 0;
    var flags = 7;
    c.at.forEach(function (k) {
      var spec = r.p[r.d[k + 1]];
      if (labels.indexOf(spec[0]) < 0) labels.push(spec[0]);
      if (spec[1] === c.cls && spec[2] !== 0) dir = spec[2];
      flags &= r.d[k + 4];
    });
    var first = c.at[0];
    var h = '<td class="c c-' + name + '" data-s="' + si + '">' + sym(name) + '<span class="sr">' + LABEL[name] + (dir < 0 ? ', lower' : dir > 0 ? ', higher' : '') + ': </span>';
    h += link(data.paths[r.d[first + 2]], r.d[first + 3], labels.join(' / '));
    if (dir !== 0) h += '<span class="dir" aria-hidden="true">' + (dir < 0 ? '\u2193' : '\u2191') + '</span>';
    if (flags & 1) h += '<span class="flag">inh.</span>';
    if (flags & 2) h += '<span class="flag">-c</span>';
    if (flags & 4) h += '<span class="flag">build</span>';
    return h + '</td>';
  }
  // The tooltip is built when a cell is pointed at or focused: thousands of long titles up front cost more than the cells.
  function describe(row, si) {
    var c = row.cells.get(si);
    var head = data.services[si] + ': ';
    if (!c) return head + 'not declared';
    var r = row.r;
    var lines = c.at.map(function (k) {
      var spec = r.p[r.d[k + 1]];
      var f = r.d[k + 4];
      return spec[0] + (spec[3] ? ' ; ' + spec[3] : '') + '  ' + where(data.paths[r.d[k + 2]], r.d[k + 3]) + (f & 1 ? ' (inherited)' : '') + (f & 2 ? ' (constraint)' : '') + (f & 4 ? ' (build)' : '');
    });
    return head + LABEL[CLASSES[c.cls]] + ' against ' + (r.r || 'any') + '\n' + lines.join('\n');
  }
  function annotate(e) {
    var td = e.target.closest && e.target.closest('td.c');
    if (!td || td.title) return;
    var row = rows[Number(td.parentNode.getAttribute('data-i'))];
    td.title = describe(row, Number(td.getAttribute('data-s')));
  }

  // Which of view.cols to draw: those in the scrolled viewport, MARGIN more on each side.
  function columnWindow() {
    var n = view.cols.length;
    var width = Math.max(COL_W, scroller.clientWidth - PKG_W - REF_W);
    // After a filter drops columns the old scroll offset may lie past the new table's end.
    var left = Math.max(0, Math.min(scroller.scrollLeft, n * COL_W - width));
    var first = Math.max(0, Math.floor(left / COL_W) - MARGIN);
    var last = Math.min(n - 1, Math.ceil((left + width) / COL_W) + MARGIN);
    return [first, last];
  }

  function draw() {
    var cols = view.cols;
    var w = columnWindow();
    view.first = w[0];
    view.last = w[1];
    var pads = [view.first * COL_W, (cols.length - 1 - view.last) * COL_W];
    table.classList.toggle('vertical', vertical && cols.length > 1);
    table.style.width = (PKG_W + REF_W + cols.length * COL_W) + 'px';
    var g = '<col class="pkg"><col class="ref"><col class="pad">';
    for (var j = view.first; j <= view.last; j++) g += '<col class="svc">';
    table.querySelector('colgroup').innerHTML = g + '<col class="pad">';
    var colEls = table.querySelectorAll('col');
    colEls[0].style.width = PKG_W + 'px';
    colEls[1].style.width = REF_W + 'px';
    for (var c = 3; c < colEls.length - 1; c++) colEls[c].style.width = COL_W + 'px';
    colEls[2].style.width = pads[0] + 'px';
    colEls[colEls.length - 1].style.width = pads[1] + 'px';

    var h = '<tr><th scope="col" class="pkg">Package</th><th scope="col" class="ref" title="The reference each cell is compared with: the version most services pin (ties to the highest), else the most common specifier">Most common</th><td class="pad"></td>';
    for (j = view.first; j <= view.last; j++) {
      var name = data.services[cols[j]];
      h += '<th scope="col" class="svc" title="' + esc(name) + '"><span>' + esc(name) + '</span></th>';
    }
    table.tHead.innerHTML = h + '<td class="pad"></td></tr>';

    var list = view.list;
    var pages = Math.max(1, Math.ceil(list.length / view.size));
    if (view.page >= pages) view.page = pages - 1;
    var start = view.page * view.size;
    var end = Math.min(list.length, start + view.size);
    var focused = document.activeElement && table.contains(document.activeElement) ? document.activeElement.closest('td') : null;
    var refocus = focused && focused.getAttribute('data-s') !== null ? [focused.parentNode.getAttribute('data-i'), focused.getAttribute('data-s')] : null;
    var b = [];
    for (var i = start; i < end; i++) {
      var row = list[i];
      var tr = '<tr data-i="' + row.i + '" data-package="' + esc(row.r.n) + '">' + packageCell(row.r) + refCell(row.r) + '<td class="pad"></td>';
      for (j = view.first; j <= view.last; j++) tr += cell(row, cols[j]);
      b.push(tr + '<td class="pad"></td></tr>');
    }
    table.tBodies[0].innerHTML = b.join('');
    // Redrawing for a scroll must not lose the keyboard user's place.
    if (refocus) {
      var back = table.querySelector('tr[data-i="' + refocus[0] + '"] td[data-s="' + refocus[1] + '"] a');
      if (back) back.focus({ preventScroll: true });
    }
    $('empty').hidden = list.length > 0;
    $('status').textContent = list.length === 0
      ? 'No package matches the filters (' + rows.length + ' packages in all).'
      : 'Packages ' + (start + 1) + '\u2013' + end + ' of ' + list.length + ' matching (' + rows.length + ' in all), ' + cols.length + ' of ' + data.services.length + ' services shown.';
    $('page').textContent = 'Page ' + (view.page + 1) + ' of ' + pages;
    $('prev').disabled = view.page === 0;
    $('next').disabled = view.page >= pages - 1;
  }

  function drawConflicts(f) {
    var shown = {};
    view.list.forEach(function (row) { shown[row.i] = true; });
    var matching = data.conflicts.filter(function (c) { return c.row < 0 ? !f.q || c.package.toLowerCase().indexOf(f.q) >= 0 : shown[c.row]; });
    var b = [];
    matching.slice(0, conflictLimit).forEach(function (c) {
      var cls = DRIFT_CELL[c.drift] || 'range';
      var h = '<tr data-package="' + esc(c.package) + '"><td>' + esc(c.package) + '</td><td><span class="chip c-' + cls + '">' + sym(cls) + esc(c.drift || c.rule) + '</span></td>';
      h += '<td class="mono">' + esc(c.rule) + '</td><td>' + esc(c.message) + '</td><td class="mono"><ul>';
      for (var k = 0; k < c.l.length; k += 2) {
        // Past eight locations, the rest fold away: a conflict can span hundreds of services.
        if (k === 16 && c.l.length > 20) h += '<li><details><summary>' + (c.l.length / 2 - 8) + ' more</summary><ul>';
        h += '<li>' + link(data.paths[c.l[k]], c.l[k + 1]) + '</li>';
      }
      if (c.l.length > 20) h += '</ul></details></li>';
      b.push(h + '</ul></td></tr>');
    });
    $('conflicts').tBodies[0].innerHTML = b.join('');
    $('conflicts').hidden = matching.length === 0;
    $('conflicts-status').textContent = matching.length === 0 ? 'No conflict among the packages shown.' : 'Showing ' + Math.min(conflictLimit, matching.length) + ' of ' + matching.length + ' conflicts among the packages shown.';
    $('more-conflicts').hidden = matching.length <= conflictLimit;
  }

  function update() {
    var f = readFilters();
    view.cols = f.svc !== null ? [f.svc] : data.services.map(function (_, i) { return i; });
    view.list = select(f, view.cols);
    view.size = f.size;
    draw();
    drawConflicts(f);
  }

  var pending = false;
  function onScroll() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      var w = columnWindow();
      if (w[0] !== view.first || w[1] !== view.last) draw();
    });
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); });
  // 'input' fires for the text box, the selects and the checkbox alike ('change' would repeat it on blur).
  form.addEventListener('input', function () { view.page = 0; conflictLimit = 25; update(); });
  form.addEventListener('reset', function () { setTimeout(function () { view.page = 0; conflictLimit = 25; update(); }, 0); });
  $('prev').addEventListener('click', function () { if (view.page > 0) { view.page--; draw(); } });
  $('next').addEventListener('click', function () { view.page++; draw(); });
  $('more-conflicts').addEventListener('click', function () { conflictLimit += 100; drawConflicts(readFilters()); });
  scroller.addEventListener('scroll', onScroll, { passive: true });
  window.addEventListener('resize', onScroll);
  table.addEventListener('mouseover', annotate);
  table.addEventListener('focusin', annotate);

  inputs.svc.insertAdjacentHTML('beforeend', data.services.map(function (name, i) { return '<option value="' + i + '">' + esc(name) + '</option>'; }).join(''));
  update();
})();
`;
