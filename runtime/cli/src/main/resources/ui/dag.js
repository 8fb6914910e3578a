'use strict';
// Draws a dispatch's graph as a layered DAG in SVG: layers left to right by longest path from the
// sources, nodes ordered within a layer by the barycentre of their neighbours to cut crossings, and
// very tall layers folded into several columns. Statuses are updated in place, never re-laid out.
const Dag = (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const NODE_W = 150, NODE_H = 28, GAP_X = 70, GAP_Y = 18, COLUMN_GAP = 16, MAX_ROWS = 40, MARGIN = 12;

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    return node;
  }

  // Longest path from a source; nodes on a cycle (which the dispatcher rejects) land in layer 0.
  function layers(ids, edges) {
    const preds = new Map(ids.map(id => [id, []]));
    const succs = new Map(ids.map(id => [id, []]));
    for (const e of edges) {
      if (preds.has(e.to) && succs.has(e.from)) {
        preds.get(e.to).push(e.from);
        succs.get(e.from).push(e.to);
      }
    }
    const indegree = new Map(ids.map(id => [id, preds.get(id).length]));
    const layer = new Map(ids.map(id => [id, 0]));
    const queue = ids.filter(id => indegree.get(id) === 0);
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i];
      for (const next of succs.get(id)) {
        layer.set(next, Math.max(layer.get(next), layer.get(id) + 1));
        indegree.set(next, indegree.get(next) - 1);
        if (indegree.get(next) === 0) queue.push(next);
      }
    }
    const count = Math.max(0, ...layer.values()) + 1;
    const byLayer = Array.from({length: count}, () => []);
    for (const id of ids) byLayer[layer.get(id)].push(id);
    return {byLayer, preds, succs};
  }

  // Reorders each layer by the mean relative position of its neighbours in the other layers.
  function order(byLayer, preds, succs) {
    const rank = new Map();
    const remember = () => byLayer.forEach(ids => ids.forEach((id, i) => rank.set(id, (i + 0.5) / ids.length)));
    const sortBy = (ids, neighbours) => {
      const key = new Map(ids.map(id => {
        const ns = neighbours.get(id);
        return [id, ns.length ? ns.reduce((sum, n) => sum + rank.get(n), 0) / ns.length : rank.get(id)];
      }));
      ids.sort((a, b) => key.get(a) - key.get(b));
    };
    remember();
    for (let round = 0; round < 3; round++) {
      for (let i = 1; i < byLayer.length; i++) { sortBy(byLayer[i], preds); remember(); }
      for (let i = byLayer.length - 2; i >= 0; i--) { sortBy(byLayer[i], succs); remember(); }
    }
  }

  // Node id -> top-left corner, plus the drawing's size.
  function positions(byLayer) {
    const rows = Math.min(MAX_ROWS, Math.max(1, ...byLayer.map(ids => ids.length)));
    const height = rows * (NODE_H + GAP_Y) - GAP_Y;
    const at = new Map();
    let x = MARGIN;
    for (const ids of byLayer) {
      const columns = Math.ceil(ids.length / MAX_ROWS);
      for (let c = 0; c < columns; c++) {
        const slice = ids.slice(c * MAX_ROWS, (c + 1) * MAX_ROWS);
        const top = MARGIN + (height - (slice.length * (NODE_H + GAP_Y) - GAP_Y)) / 2;
        slice.forEach((id, r) => at.set(id, {x: x + c * (NODE_W + COLUMN_GAP), y: top + r * (NODE_H + GAP_Y)}));
      }
      x += columns * (NODE_W + COLUMN_GAP) - COLUMN_GAP + GAP_X;
    }
    // Room below the lowest node for a cluster box and its label.
    return {at, width: x - GAP_X + MARGIN, height: height + 2 * MARGIN + 14};
  }

  // The electron's name, with a short node id to tell a fan-out's nodes apart; cut to fit the box.
  function label(name, id) {
    const text = id.length <= 5 && id !== name ? name + ' #' + id : name;
    return text.length > 21 ? text.slice(0, 20) + '…' : text;
  }

  // Renders nodes [{id, name, status}] and edges [{from, to, label}] into container; returns a view
  // whose update(nodes) recolours nodes and edges. clusterOf(id) names the box (a sublattice call, a
  // run-time fan-out) drawn around a node and its fellows, or returns null.
  function draw(container, nodes, edges, hrefOf, clusterOf) {
    const ids = nodes.map(n => n.id);
    const {byLayer, preds, succs} = layers(ids, edges);
    order(byLayer, preds, succs);
    const {at, width, height} = positions(byLayer);

    // Many edges crossing folded columns would hide the nodes: draw them fainter.
    const root = svg('svg', {width, height, viewBox: '0 0 ' + width + ' ' + height, role: 'img',
      class: edges.length > 200 ? 'dense' : '', 'aria-label': 'graph of ' + nodes.length + ' nodes'});
    const defs = svg('defs');
    const marker = svg('marker', {id: 'arrow', viewBox: '0 0 8 8', refX: 8, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto'});
    marker.append(svg('path', {d: 'M0,0 L8,4 L0,8 z', class: 'arrowhead'}));
    defs.append(marker);
    const clusterLayer = svg('g', {class: 'clusters'});
    const edgeLayer = svg('g', {class: 'edges'});
    const nodeLayer = svg('g', {class: 'nodes'});
    root.append(defs, clusterLayer, edgeLayer, nodeLayer);

    const boxes = new Map();
    for (const n of nodes) {
      const name = clusterOf ? clusterOf(n.id) : null;
      const p = at.get(n.id);
      if (!name || !p) continue;
      const box = boxes.get(name) || {x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity};
      boxes.set(name, {x1: Math.min(box.x1, p.x), y1: Math.min(box.y1, p.y), x2: Math.max(box.x2, p.x + NODE_W), y2: Math.max(box.y2, p.y + NODE_H)});
    }
    for (const [name, b] of boxes) {
      const group = svg('g', {'data-cluster': name});
      group.append(svg('rect', {class: 'cluster', x: b.x1 - 5, y: b.y1 - 5, width: b.x2 - b.x1 + 10, height: b.y2 - b.y1 + 10, rx: 7}));
      const text = svg('text', {class: 'cluster-label', x: b.x1 - 3, y: b.y2 + 4 + 10});
      text.textContent = name;
      group.append(text);
      clusterLayer.append(group);
    }

    const edgeViews = [];
    for (const e of edges) {
      const a = at.get(e.from), b = at.get(e.to);
      if (!a || !b) continue;
      const x1 = a.x + NODE_W, y1 = a.y + NODE_H / 2, x2 = b.x, y2 = b.y + NODE_H / 2;
      const bend = Math.max(30, (x2 - x1) / 2);
      // An ordering edge (after(...)) passes no value: drawn dashed.
      const order = e.label === 'after' ? ' order' : '';
      const path = svg('path', {class: 'edge' + order, 'marker-end': 'url(#arrow)',
        d: 'M' + x1 + ',' + y1 + ' C' + (x1 + bend) + ',' + y1 + ' ' + (x2 - bend) + ',' + y2 + ' ' + x2 + ',' + y2});
      const tip = svg('title');
      tip.textContent = e.from + ' → ' + e.to + (order ? ' (runs after, no value passed)' : e.label ? ' as ' + e.label : '');
      path.append(tip);
      edgeLayer.append(path);
      edgeViews.push({from: e.from, path, order});
    }

    const nodeViews = new Map();
    for (const n of nodes) {
      const p = at.get(n.id);
      const link = svg('a', {href: hrefOf(n.id), class: 'node', 'data-node-id': n.id});
      if (n.collapsed) link.dataset.collapsed = 'true';
      const title = svg('title');
      link.append(title,
        svg('rect', {x: p.x, y: p.y, width: NODE_W, height: NODE_H, rx: 5}),
        svg('text', {x: p.x + NODE_W / 2, y: p.y + NODE_H / 2 + 4, 'text-anchor': 'middle'}));
      link.lastChild.textContent = label(n.name || n.id, n.id);
      nodeLayer.append(link);
      nodeViews.set(n.id, {link, title, name: n.name || n.id, status: null});
    }
    container.replaceChildren(root);

    function update(current) {
      const status = new Map(current.map(n => [n.id, n.status]));
      for (const [id, view] of nodeViews) {
        const s = status.get(id);
        if (s === view.status) continue;
        view.status = s;
        view.link.setAttribute('class', 'node s-' + s + (view.link.dataset.collapsed ? ' collapsed' : ''));
        view.link.setAttribute('data-status', s);
        view.title.textContent = view.name + ' (' + id + '): ' + String(s).toLowerCase();
      }
      for (const e of edgeViews) {
        const from = status.get(e.from);
        e.path.setAttribute('class', (from === 'COMPLETED' || from === 'CACHED' ? 'edge flowed' : 'edge') + e.order);
      }
    }
    update(nodes);
    return {update, signature: signature(nodes, edges)};
  }

  // Identifies a graph's shape, so the page re-lays out only when nodes or edges change.
  function signature(nodes, edges) {
    return nodes.length + ':' + edges.length + ':' + nodes.map(n => n.id).join(',');
  }

  return {draw, signature};
})();
