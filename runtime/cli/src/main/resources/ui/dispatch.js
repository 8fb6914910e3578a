'use strict';
// The dispatch page: summary, result or error, graph, node table, cancel; refreshed every second
// until the dispatch ends.
(() => {
  const L = Lattice;
  const dispatchId = L.pathParts()[1];
  const apiUrl = '/api/dispatches/' + encodeURIComponent(dispatchId);
  const rows = new Map();
  const collapsed = new Set();
  const seenClusters = new Set();
  let graph = null;
  let lastView = null;

  // The box a node is drawn in: the top-level sublattice call it came from ("1." of "1.0.2"), or the
  // run-time fan-out it is an item of. Key and label.
  function clusterOf(n) {
    if (n.parent) return {key: 'map:' + n.parent, label: 'items of ' + (n.name || '') + ' ' + n.parent, id: n.parent + '[*]'};
    if (n.group) {
      const prefix = n.id.slice(0, n.id.indexOf('.'));
      return {key: 'sub:' + prefix, label: 'sublattice ' + n.group.split('/')[0] + ' (' + prefix + ')', id: prefix + '.*'};
    }
    return null;
  }

  const RANK = ['FAILED', 'RUNNING', 'PENDING', 'NEW', 'CANCELLED', 'COMPLETED', 'CACHED'];

  // The nodes and edges to draw, with every collapsed cluster folded into one node whose status is its
  // members' most urgent one.
  function folded(nodes, edges) {
    const fold = new Map();
    const drawn = [];
    const members = new Map();
    for (const n of nodes) {
      const c = clusterOf(n);
      if (c && collapsed.has(c.key)) {
        fold.set(n.id, c.id);
        if (!members.has(c.id)) {
          members.set(c.id, []);
          drawn.push({id: c.id, name: c.label, status: n.status, collapsed: true, first: n.id});
        }
        members.get(c.id).push(n);
      } else {
        drawn.push(n);
      }
    }
    for (const d of drawn) {
      if (!d.collapsed) continue;
      const statuses = members.get(d.id).map(m => m.status);
      const all = s => statuses.every(x => x === s);
      d.status = all('CACHED') ? 'CACHED' : RANK.find(s => s !== 'CACHED' && statuses.includes(s)) || 'COMPLETED';
      if (d.status === 'COMPLETED' && !statuses.every(x => x === 'COMPLETED' || x === 'CACHED')) d.status = 'NEW';
      d.name += ' ×' + statuses.length;
    }
    const seen = new Set();
    const folds = [];
    for (const e of edges) {
      const from = fold.get(e.from) || e.from, to = fold.get(e.to) || e.to;
      const key = from + '>' + to;
      if (from === to || seen.has(key)) continue;
      seen.add(key);
      folds.push({from, to, label: e.label});
    }
    return {nodes: drawn, edges: folds};
  }

  function clusterToggles(nodes) {
    const box = document.getElementById('clusters');
    const clusters = new Map();
    for (const n of nodes) {
      const c = clusterOf(n);
      if (c) clusters.set(c.key, {label: c.label, count: (clusters.get(c.key) || {count: 0}).count + 1});
    }
    for (const [key, c] of clusters) {
      // A big run-time fan-out starts folded; anything else starts open.
      if (!seenClusters.has(key)) {
        seenClusters.add(key);
        if (key.startsWith('map:') && c.count > 30) collapsed.add(key);
      }
    }
    const signature = [...clusters.keys()].join('|') + '#' + [...collapsed].join('|');
    if (box.dataset.signature === signature) return;
    box.dataset.signature = signature;
    box.hidden = clusters.size === 0;
    box.replaceChildren(L.el('span', {className: 'muted'}, 'Collapse:'), ...[...clusters].map(([key, c]) => {
      const input = L.el('input', {type: 'checkbox', 'data-cluster': key, checked: collapsed.has(key)});
      input.addEventListener('change', () => {
        if (input.checked) collapsed.add(key); else collapsed.delete(key);
        graph = null;
        if (lastView) render(lastView);
      });
      return L.el('label', {}, input, ' ' + c.label + ' (' + c.count + ')');
    }));
  }

  L.setText('crumb-id', dispatchId);
  document.title = 'ecs-lattice · ' + dispatchId;

  function summary(view) {
    const d = view.dispatch;
    L.setText('workflow', d.workflowName || '(unnamed workflow)');
    L.setStatus(document.getElementById('status'), d.status);
    L.setText('dispatch-id', d.id);
    L.fillProgressBar(document.getElementById('progress-bar'), d);
    L.setText('progress', L.progressText(d));
    L.setText('started', L.formatTime(d.startedAt));
    L.setText('duration', L.formatDuration(d.durationMs));
    document.getElementById('cost-label').hidden = !view.cost;
    document.getElementById('cost').hidden = !view.cost;
    L.setText('cost', view.cost || '');
    document.getElementById('cancel').hidden = L.isTerminal(d.status);
  }

  function outcome(view) {
    const resultPanel = document.getElementById('result-panel');
    resultPanel.hidden = view.dispatch.status !== 'COMPLETED';
    if (!resultPanel.hidden) L.setText('result', JSON.stringify(view.result, null, 2));
    const errorPanel = document.getElementById('error-panel');
    errorPanel.hidden = !view.error;
    if (view.error) {
      const link = document.getElementById('error-node');
      link.hidden = !view.error.nodeId;
      if (view.error.nodeId) {
        link.href = L.nodeUrl(dispatchId, view.error.nodeId);
        link.textContent = 'in node ' + view.error.nodeId;
      }
      L.setText('error-type', view.error.type);
      L.setText('error-message', view.error.message);
      L.setText('error-trace', view.error.stackTrace || '(no stack trace)');
    }
  }

  function newRow(node) {
    const cells = {};
    const cell = (name, className) => (cells[name] = L.el('td', {className}));
    const row = L.el('tr', {'data-node-id': node.id},
      L.el('td', {}, L.el('a', {href: L.nodeUrl(dispatchId, node.id)}, node.name || node.id),
        ' ', L.el('span', {className: 'muted mono'}, node.id),
        node.group ? L.el('span', {className: 'muted'}, ' in ' + node.group) : null),
      cell('executor'), L.el('td', {}, cells.status = L.el('span'), cells.origin = L.el('span', {className: 'muted'})),
      cell('started'), cell('ended'),
      cell('duration', 'num'), cell('task', 'mono'));
    return {row, cells, last: ''};
  }

  function table(nodes) {
    const body = document.querySelector('#nodes tbody');
    if (rows.size !== nodes.length || nodes.some(n => !rows.has(n.id))) {
      rows.clear();
      body.replaceChildren(...nodes.map(n => {
        const r = newRow(n);
        rows.set(n.id, r);
        return r.row;
      }));
    }
    for (const n of nodes) {
      const r = rows.get(n.id);
      const state = JSON.stringify(n);
      if (state === r.last) continue;
      r.last = state;
      r.cells.executor.textContent = n.executor || '';
      L.setStatus(r.cells.status, n.status);
      r.cells.origin.replaceChildren(...(n.cachedFrom
        ? [' from ', L.el('a', {href: '/dispatches/' + encodeURIComponent(n.cachedFrom), className: 'mono', 'data-cached-from': n.cachedFrom},
          n.cachedFrom.slice(0, 8))]
        : []));
      r.row.dataset.status = n.status;
      r.cells.started.textContent = L.formatTime(n.startedAt);
      r.cells.ended.textContent = L.formatTime(n.endedAt);
      r.cells.duration.textContent = L.formatDuration(n.durationMs);
      r.cells.task.textContent = n.taskArn ? n.taskArn.split('/').pop() : '';
      r.cells.task.title = n.taskArn || '';
    }
  }

  function render(view) {
    lastView = view;
    summary(view);
    outcome(view);
    clusterToggles(view.nodes);
    const shown = folded(view.nodes, view.edges);
    const byId = new Map(view.nodes.map(n => [n.id, n]));
    const firstOf = new Map(shown.nodes.filter(n => n.collapsed).map(n => [n.id, n.first]));
    const href = id => L.nodeUrl(dispatchId, firstOf.get(id) || id);
    const boxOf = id => {
      const n = byId.get(id);
      const c = n ? clusterOf(n) : null;
      return c ? c.label : null;
    };
    if (!graph || graph.signature !== Dag.signature(shown.nodes, shown.edges)) {
      graph = Dag.draw(document.getElementById('graph'), shown.nodes, shown.edges, href, boxOf);
    } else {
      graph.update(shown.nodes);
    }
    table(view.nodes);
    Timeline.render(document.getElementById('timeline'), view.nodes, id => L.nodeUrl(dispatchId, id), Date.now());
  }

  document.getElementById('cancel').addEventListener('click', async () => {
    if (!confirm('Cancel dispatch ' + dispatchId + '? Pending nodes will not start and running tasks will be stopped.')) return;
    try {
      const answer = await L.getJson(apiUrl + '/cancel', {method: 'POST', acceptStatus: [409]});
      L.setText('cancel-message', answer.message);
    } catch (e) {
      L.setText('cancel-message', 'Cancel failed: ' + e.message);
    }
  });

  L.poll(async () => {
    const view = await L.getJson(apiUrl);
    render(view);
    L.markLoaded();
    return !L.isTerminal(view.dispatch.status);
  });
})();
