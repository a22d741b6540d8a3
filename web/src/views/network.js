// Actor network: who acts on whom. Nodes are actor codes, directed edges weighted by events,
// coloured by mean PLOVER score (green cooperation, red conflict). Layout: d3-force, computed once.
import { html } from 'htm/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation } from 'd3-force';
import { scaleSqrt } from 'd3-scale';
import { downloadUrl, eventFilters, getJSON } from '../api.js';
import { countryName, fmtScore, scoreColour } from '../util.js';

const W = 960;
const H = 620;

function layout(net, radius) {
  const nodes = net.nodes.map((n) => ({ ...n }));
  const links = net.edges.map((e) => ({ ...e }));
  const sim = forceSimulation(nodes)
    .force('link', forceLink(links).id((d) => d.id).distance(90).strength(0.4))
    .force('charge', forceManyBody().strength(-260))
    .force('center', forceCenter(W / 2, H / 2))
    .force('collide', forceCollide((d) => radius(d.weight) + 10))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  for (const n of nodes) {
    n.x = Math.max(30, Math.min(W - 30, n.x));
    n.y = Math.max(30, Math.min(H - 30, n.y));
  }
  return { nodes, links };
}

export function NetworkView({ state, go }) {
  const [net, setNet] = useState(null);
  const [minWeight, setMinWeight] = useState(1);
  const [error, setError] = useState(null);
  const filters = eventFilters(state);
  const key = JSON.stringify(filters);
  useEffect(() => {
    setError(null);
    getJSON('/api/stats/network', { ...filters, min_weight: minWeight, max_edges: 250 }).then(setNet).catch((e) => setError(e.message));
  }, [key, minWeight]);
  const radius = scaleSqrt().domain([1, Math.max(1, ...(net ? net.nodes.map((n) => n.weight) : [1]))]).range([12, 28]);
  const graph = useMemo(() => (net ? layout(net, radius) : null), [net]);
  const maxW = graph ? Math.max(1, ...graph.links.map((l) => l.weight)) : 1;
  const width = scaleSqrt().domain([1, maxW]).range([1.2, 7]);

  const edgePath = (l) => {
    const { x: x1, y: y1 } = l.source;
    const { x: x2, y: y2 } = l.target;
    const dx = x2 - x1;
    const dy = y2 - y1;
    const d = Math.hypot(dx, dy) || 1;
    const r = radius(l.target.weight) + 4;
    const ex = x2 - (dx / d) * r;
    const ey = y2 - (dy / d) * r;
    const bend = 0.15;
    const mx = (x1 + ex) / 2 - dy * bend;
    const my = (y1 + ey) / 2 + dx * bend;
    return `M${x1},${y1} Q${mx},${my} ${ex},${ey}`;
  };

  return html`
    <div class="network">
      <div class="view-head">
        <h2>Actor network</h2>
        <label>edges with at least
          <input type="number" min="1" max="1000" value=${minWeight} name="min_weight" onChange=${(e) => setMinWeight(Math.max(1, +e.target.value || 1))} /> events</label>
        <span class="downloads">Download edges:
          ${['csv', 'jsonl', 'parquet'].map((f) => html` <a href=${downloadUrl('/api/stats/network', { ...filters, min_weight: minWeight }, f)} download>${f}</a>`)}
        </span>
      </div>
      ${error && html`<p class="error">${error}</p>`}
      ${graph && !graph.links.length && html`<p class="empty">No source → target pairs for these filters.</p>`}
      ${graph && graph.links.length > 0 && html`
        <svg class="chart network-chart" viewBox=${`0 0 ${W} ${H}`} data-testid="network-chart">
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">
              <path d="M0,0 L10,5 L0,10 z" fill="#667" />
            </marker>
          </defs>
          ${graph.links.map((l) => html`
            <path class="edge" d=${edgePath(l)} stroke=${scoreColour(l.mean_score)} stroke-width=${width(l.weight)}
              marker-end="url(#arrow)" onClick=${() => go('explorer', '', { ...state, pair: `${l.source.id},${l.target.id}`, pair_mode: 'directed' })}>
              <title>${l.source.id} → ${l.target.id}: ${l.weight} events, mean score ${fmtScore(l.mean_score)} (cooperation ${l.cooperation}, conflict ${l.conflict})</title>
            </path>`)}
          ${graph.nodes.map((n) => html`
            <g class="node" transform=${`translate(${n.x},${n.y})`} data-code=${n.id}
              onClick=${() => go('explorer', '', { ...state, country: [n.id] })}>
              <circle r=${radius(n.weight)} />
              <text dy="4" text-anchor="middle">${n.id}</text>
              <title>${n.id} ${countryName(n.id)}: acts ${n.out}, is acted on ${n.in}</title>
            </g>`)}
        </svg>`}
      <p class="legend">Arrows go from source to target; width = events, colour = mean PLOVER score (green cooperation, red conflict). Click an arrow for its events, a node for all its events.</p>
    </div>`;
}
