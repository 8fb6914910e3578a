'use strict';
// Helpers shared by the pages: JSON fetches, element building, time formatting, polling.
const Lattice = (() => {
  const TERMINAL = new Set(['COMPLETED', 'CACHED', 'FAILED', 'CANCELLED']);
  const POLL_MS = 1000;

  async function getJson(url, options) {
    const response = await fetch(url, Object.assign({headers: {Accept: 'application/json'}, credentials: 'same-origin'}, options));
    const body = await response.json().catch(() => null);
    if (!response.ok && !(options && options.acceptStatus && options.acceptStatus.includes(response.status))) {
      const error = new Error(body && body.error ? body.error : response.status + ' ' + response.statusText);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  // Builds an element; strings become text nodes, so stored values never become markup.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'className') node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function setText(id, text) {
    document.getElementById(id).textContent = text === null || text === undefined ? '' : String(text);
  }

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  function formatTime(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' '
      + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function formatDuration(ms) {
    if (ms === null || ms === undefined) return '';
    if (ms < 1000) return ms + ' ms';
    const s = ms / 1000;
    if (s < 60) return s.toFixed(1) + ' s';
    const m = Math.floor(s / 60);
    if (m < 60) return m + ' min ' + Math.floor(s % 60) + ' s';
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
  }

  function setStatus(element, status) {
    element.textContent = status.toLowerCase();
    element.className = 'badge s-' + status;
    element.dataset.status = status;
  }

  function showMessage(text) {
    const message = document.getElementById('message');
    message.textContent = text || '';
    message.hidden = !text;
  }

  // Calls step() now and every POLL_MS while it resolves to true; shows failures and keeps trying,
  // except after a 404 or 401, which waiting will not mend.
  function poll(step) {
    const run = async () => {
      let again = true;
      try {
        again = await step();
        showMessage('');
      } catch (e) {
        showMessage(e.message);
        again = e.status !== 404 && e.status !== 401;
      }
      if (again) setTimeout(run, POLL_MS);
    };
    run();
  }

  // The decoded path segments, e.g. ['dispatches', '<id>', 'nodes', '<node>'].
  function pathParts() {
    return location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  }

  function dispatchUrl(id) {
    return '/dispatches/' + encodeURIComponent(id);
  }

  function nodeUrl(id, node) {
    return dispatchUrl(id) + '/nodes/' + encodeURIComponent(node);
  }

  function isTerminal(status) {
    return TERMINAL.has(status);
  }

  // "9 / 9 nodes done" while nothing failed; else each ending apart, e.g. "1 done, 201 failed, 1 cancelled", so a
  // failed dispatch never reads as all done. Nodes still to end are counted only while there are some.
  function progressText(d) {
    if (!d.failed && !d.cancelled) return d.completed + ' / ' + d.total + ' nodes done';
    const parts = [d.completed + ' done'];
    if (d.failed) parts.push(d.failed + ' failed');
    if (d.cancelled) parts.push(d.cancelled + ' cancelled');
    const ended = d.completed + d.failed + d.cancelled;
    return parts.join(', ') + (ended < d.total ? ' of ' + d.total + ' nodes' : '');
  }

  // A bar of the nodes that ended, one segment per ending in its status colour (a <progress> has one colour).
  function fillProgressBar(bar, d) {
    const total = Math.max(d.total, 1);
    const segments = [['COMPLETED', d.completed], ['FAILED', d.failed], ['CANCELLED', d.cancelled]].filter(([, n]) => n > 0)
      .map(([status, n]) => {
        const segment = el('span', {className: 'segment s-' + status, 'data-status': status, 'data-count': n});
        segment.style.width = (100 * n / total).toFixed(2) + '%';   // through the CSSOM: the CSP refuses style attributes
        return segment;
      });
    bar.replaceChildren(...segments);
    bar.setAttribute('role', 'img');
    bar.setAttribute('aria-label', progressText(d));
    return bar;
  }

  // Marks the first complete render, so tests and the load-time benchmark know the page is ready.
  function markLoaded() {
    if (document.body.dataset.loaded) return;
    document.body.dataset.loaded = 'true';
    window.latticeLoadedMs = performance.now();
  }

  return {getJson, el, setText, formatTime, formatDuration, setStatus, showMessage, poll, pathParts,
    dispatchUrl, nodeUrl, isTerminal, markLoaded, progressText, fillProgressBar};
})();
