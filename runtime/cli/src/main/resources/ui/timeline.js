'use strict';
// A dispatch's timeline: one lane per node, in the order nodes became ready, each with its queued time
// (ready, waiting for a slot or for the executor to accept it) and its running time on one time axis that
// starts when the first node became ready. Lanes are rebuilt when nodes appear; bars move in place.
const Timeline = (() => {
  const TICKS = 6;

  function ms(t) {
    return t ? Date.parse(t) : null;
  }

  function niceStep(span) {
    const raw = span / TICKS;
    const power = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
    return [1, 2, 5, 10].map(f => f * power).find(step => step >= raw) || raw;
  }

  // Renders nodes [{id, name, status, pendingAt, startedAt, endedAt}] into container.
  function render(container, nodes, hrefOf, now) {
    const timed = nodes.filter(n => n.pendingAt || n.startedAt)
      .sort((a, b) => (ms(a.pendingAt || a.startedAt) - ms(b.pendingAt || b.startedAt)) || a.id.localeCompare(b.id));
    if (!timed.length) {
      container.replaceChildren(Lattice.el('p', {className: 'muted'}, 'No node has started yet.'));
      return;
    }
    const origin = Math.min(...timed.map(n => ms(n.pendingAt || n.startedAt)));
    const end = Math.max(...timed.map(n => ms(n.endedAt) || now), origin + 1);
    const span = end - origin;
    const pct = t => (100 * (t - origin) / span).toFixed(3) + '%';
    const width = (a, b) => (100 * Math.max(0, b - a) / span).toFixed(3) + '%';

    const ticks = Lattice.el('div', {className: 'ticks'});
    const step = niceStep(span);
    for (let t = 0; t <= span; t += step) {
      const tick = Lattice.el('span', {className: 'tick'}, Lattice.formatDuration(Math.round(t)));
      tick.style.left = pct(origin + t);
      ticks.append(tick);
    }
    const lanes = timed.map(n => {
      const track = Lattice.el('div', {className: 'track'});
      const pending = ms(n.pendingAt), started = ms(n.startedAt), ended = ms(n.endedAt);
      if (pending && started && started > pending) {
        const queued = Lattice.el('span', {className: 'bar queued', title: 'queued ' + Lattice.formatDuration(Math.round(started - pending))});
        queued.style.left = pct(pending);
        queued.style.width = width(pending, started);
        track.append(queued);
      }
      if (started) {
        const stop = ended || now;
        const run = Lattice.el('span', {className: 'bar run s-' + n.status,
          title: String(n.status).toLowerCase() + ' ' + Lattice.formatDuration(Math.round(stop - started))});
        run.style.left = pct(started);
        run.style.width = width(started, stop);
        track.append(run);
      }
      const name = Lattice.el('a', {className: 'name', href: hrefOf(n.id), title: n.id}, (n.name || n.id) + ' ' + n.id);
      return Lattice.el('div', {className: 'lane', 'data-node-id': n.id, 'data-status': n.status}, name, track);
    });
    container.replaceChildren(Lattice.el('div', {className: 'axis'}, Lattice.el('span', {className: 'name muted'}, 'node'), ticks),
      ...lanes);
  }

  return {render};
})();
