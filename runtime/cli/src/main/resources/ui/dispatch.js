'use strict';
// The dispatch page: summary, result or error, graph, node table, cancel; refreshed every second
// until the dispatch ends.
(() => {
  const L = Lattice;
  const dispatchId = L.pathParts()[1];
  const apiUrl = '/api/dispatches/' + encodeURIComponent(dispatchId);
  const rows = new Map();
  let graph = null;

  L.setText('crumb-id', dispatchId);
  document.title = 'ecs-lattice · ' + dispatchId;

  function summary(view) {
    const d = view.dispatch;
    L.setText('workflow', d.workflowName || '(unnamed workflow)');
    L.setStatus(document.getElementById('status'), d.status);
    L.setText('dispatch-id', d.id);
    const bar = document.getElementById('progress-bar');
    bar.max = Math.max(d.total, 1);
    bar.value = d.done;
    L.setText('progress', d.done + ' / ' + d.total + ' nodes done');
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
        ' ', L.el('span', {className: 'muted mono'}, node.id)),
      cell('executor'), L.el('td', {}, cells.status = L.el('span')), cell('started'), cell('ended'),
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
      r.row.dataset.status = n.status;
      r.cells.started.textContent = L.formatTime(n.startedAt);
      r.cells.ended.textContent = L.formatTime(n.endedAt);
      r.cells.duration.textContent = L.formatDuration(n.durationMs);
      r.cells.task.textContent = n.taskArn ? n.taskArn.split('/').pop() : '';
      r.cells.task.title = n.taskArn || '';
    }
  }

  function render(view) {
    summary(view);
    outcome(view);
    if (!graph || graph.signature !== Dag.signature(view.nodes, view.edges)) {
      graph = Dag.draw(document.getElementById('graph'), view.nodes, view.edges, id => L.nodeUrl(dispatchId, id));
    } else {
      graph.update(view.nodes);
    }
    table(view.nodes);
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
