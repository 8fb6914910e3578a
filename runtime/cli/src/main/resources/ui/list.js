'use strict';
// The dispatch list: newest first, paged with ?offset=, refreshed every second.
(() => {
  const L = Lattice;
  const LIMIT = 25;
  const offset = Math.max(0, parseInt(new URLSearchParams(location.search).get('offset') || '0', 10) || 0);

  function row(d) {
    const progress = L.fillProgressBar(L.el('span', {className: 'bar'}), d);
    const status = L.el('span');
    L.setStatus(status, d.status);
    return L.el('tr', {'data-dispatch-id': d.id},
      L.el('td', {className: 'mono'}, L.el('a', {href: L.dispatchUrl(d.id)}, d.id)),
      L.el('td', {}, d.workflowName || ''),
      L.el('td', {}, status),
      L.el('td', {className: 'progress'}, progress, ' ', L.el('span', {className: 'count'}, L.progressText(d))),
      L.el('td', {}, L.formatTime(d.startedAt)),
      L.el('td', {className: 'num'}, L.formatDuration(d.durationMs)));
  }

  // The rows are rebuilt only when the page changed, so a reader's text selection, focus or click on an
  // unchanged list is not lost to the next refresh.
  let shown = null;

  function render(page) {
    const json = JSON.stringify(page);
    if (json === shown) {
      return;
    }
    shown = json;
    document.querySelector('#dispatches tbody').replaceChildren(...page.dispatches.map(row));
    document.getElementById('empty').hidden = page.dispatches.length > 0 || page.offset > 0;
    L.setText('page-info', page.dispatches.length
      ? (page.offset + 1) + '–' + (page.offset + page.dispatches.length) + (page.more ? ', more older' : '') : '');
    document.getElementById('newer').disabled = page.offset === 0;
    document.getElementById('older').disabled = !page.more;
  }

  function go(newOffset) {
    location.search = newOffset > 0 ? '?offset=' + newOffset : '';
  }

  document.getElementById('newer').addEventListener('click', () => go(Math.max(0, offset - LIMIT)));
  document.getElementById('older').addEventListener('click', () => go(offset + LIMIT));

  L.poll(async () => {
    render(await L.getJson('/api/dispatches?offset=' + offset + '&limit=' + LIMIT));
    L.markLoaded();
    return true;
  });
})();
