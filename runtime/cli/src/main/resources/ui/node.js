'use strict';
// The node page: inputs and output (long values cut, with a link to the whole), error with stack
// trace, captured logs and executor details; refreshed every second until the node ends.
(() => {
  const L = Lattice;
  const [, dispatchId, , nodeId] = L.pathParts();
  const apiUrl = '/api/dispatches/' + encodeURIComponent(dispatchId) + '/nodes/' + encodeURIComponent(nodeId);
  const PREVIEW_CHARS = 20000;
  // ECS facts first, in the order a user reads them; anything else the executor recorded after.
  const DETAIL_ORDER = ['taskArn', 'lastStatus', 'stopCode', 'stoppedReason', 'containerReason', 'exitCode', 'logGroup', 'logStream'];

  const crumb = document.getElementById('crumb-dispatch');
  crumb.href = L.dispatchUrl(dispatchId);
  crumb.textContent = dispatchId;
  L.setText('crumb-node', nodeId);

  function value(field, view) {
    const cut = view.truncated[field];
    const note = document.getElementById(field + '-cut');
    note.hidden = !cut;
    note.replaceChildren();
    if (cut) {
      note.append('Showing the first ' + PREVIEW_CHARS + ' of ' + cut + ' characters. ',
        L.el('a', {href: apiUrl + '/' + field, download: ''}, 'Download the whole ' + field));
    }
    const v = view[field];
    L.setText(field, v === null || v === undefined ? '(none)' : cut ? v : JSON.stringify(v, null, 2));
  }

  function details(map) {
    const keys = Object.keys(map).sort((a, b) => {
      const ia = DETAIL_ORDER.indexOf(a), ib = DETAIL_ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
    });
    document.querySelector('#details tbody').replaceChildren(...keys.map(k =>
      L.el('tr', {'data-key': k}, L.el('th', {}, k), L.el('td', {className: 'mono'}, map[k]))));
    document.getElementById('no-details').hidden = keys.length > 0;
  }

  // Shown once an attempt has ended; a node that ran once shows its single attempt only if it failed.
  function attempts(list) {
    const panel = document.getElementById('attempts-panel');
    panel.hidden = list.length === 0 || (list.length === 1 && list[0].status === 'COMPLETED');
    document.querySelector('#attempts tbody').replaceChildren(...list.map(a =>
      L.el('tr', {'data-attempt': String(a.attempt)},
        L.el('td', {}, String(a.attempt)),
        L.el('td', {}, a.status),
        L.el('td', {}, a.cause || ''),
        L.el('td', {}, L.formatTime(a.startedAt)),
        L.el('td', {}, L.formatTime(a.endedAt)),
        L.el('td', {className: 'mono'}, a.error ? a.error.type + ': ' + a.error.message : ''),
        L.el('td', {}, a.next || ''))));
  }

  function render(view) {
    const n = view.node;
    document.title = 'ecs-lattice · ' + (n.name || n.id);
    L.setText('name', n.name || n.id);
    L.setStatus(document.getElementById('status'), n.status);
    L.setText('node-id', n.id);
    L.setText('executor', n.executor || '');
    L.setText('started', L.formatTime(n.startedAt));
    L.setText('ended', L.formatTime(n.endedAt));
    L.setText('duration', L.formatDuration(n.durationMs));
    const errorPanel = document.getElementById('error-panel');
    errorPanel.hidden = !view.error;
    if (view.error) {
      L.setText('error-type', view.error.type);
      L.setText('error-message', view.error.message);
      L.setText('error-trace', view.error.stackTrace || '(no stack trace)');
    }
    value('inputs', view);
    value('output', view);
    L.setText('stdout', view.stdout || '(nothing printed)');
    L.setText('stderr', view.stderr || '(nothing printed)');
    details(view.details);
    attempts(view.attempts || []);
  }

  L.poll(async () => {
    const view = await L.getJson(apiUrl + '?preview=' + PREVIEW_CHARS);
    render(view);
    L.markLoaded();
    return !L.isTerminal(view.node.status);
  });
})();
