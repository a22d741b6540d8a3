// Cooperation-conflict timeline of an actor pair: counts per period stacked by quad class
// (cooperation above the axis, conflict below) and the mean PLOVER score as a line.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { scaleLinear, scaleTime } from 'd3-scale';
import { line } from 'd3-shape';
import { max } from 'd3-array';
import { downloadUrl, eventFilters, getJSON } from '../api.js';
import { QUADS, QUAD_COLOURS, countryName, fmtScore } from '../util.js';

const W = 960;
const H = 380;
const M = { top: 24, right: 56, bottom: 36, left: 48 };
const DAYS = { day: 1, week: 7, month: 30.4 };

function parseDay(s) {
  const [y, m, d] = s.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function addDays(date, n) {
  return new Date(date.getTime() + n * 86400000);
}

export function TimelineChart({ points, interval, onPick }) {
  if (!points.length) return html`<p class="empty">No dated events for this selection.</p>`;
  const days = points.map((p) => parseDay(p.period));
  const step = DAYS[interval];
  const x = scaleTime()
    .domain([addDays(days[0], -step), addDays(days[days.length - 1], 2 * step)])
    .range([M.left, W - M.right]);
  const coop = (p) => p.verbal_cooperation + p.material_cooperation;
  const conf = (p) => p.verbal_conflict + p.material_conflict;
  const top = Math.max(1, max(points, coop) || 0);
  const bottom = Math.max(1, max(points, conf) || 0);
  const y = scaleLinear().domain([-bottom, top]).range([H - M.bottom, M.top]);
  const ys = scaleLinear().domain([-10, 10]).range([H - M.bottom, M.top]);
  const bw = Math.max(3, Math.min(40, x(addDays(days[0], step)) - x(days[0]) - 2));
  const scoreLine = line()
    .x((p) => x(parseDay(p.period)) + bw / 2)
    .y((p) => ys(p.mean_score));
  const withScore = points.filter((p) => p.mean_score !== null);
  const ticks = x.ticks(Math.min(10, points.length + 2));
  const fmt = (d) => d.toISOString().slice(0, interval === 'month' ? 7 : 10);

  const stack = (p) => {
    const cx = x(parseDay(p.period));
    const parts = [];
    let up = 0;
    for (const q of [1, 2]) {
      const n = p[q === 1 ? 'verbal_cooperation' : 'material_cooperation'];
      if (n) parts.push(html`<rect x=${cx} width=${bw} y=${y(up + n)} height=${y(up) - y(up + n)} fill=${QUAD_COLOURS[q]} />`);
      up += n;
    }
    let down = 0;
    for (const q of [3, 4]) {
      const n = p[q === 3 ? 'verbal_conflict' : 'material_conflict'];
      if (n) parts.push(html`<rect x=${cx} width=${bw} y=${y(-down)} height=${y(-down - n) - y(-down)} fill=${QUAD_COLOURS[q]} />`);
      down += n;
    }
    return html`<g class="bar" data-period=${p.period} onClick=${() => onPick && onPick(p)}>
      <title>${p.period}: ${p.events} events, mean score ${fmtScore(p.mean_score)}
cooperation ${coop(p)} (verbal ${p.verbal_cooperation}, material ${p.material_cooperation})
conflict ${conf(p)} (verbal ${p.verbal_conflict}, material ${p.material_conflict})</title>
      ${parts}
    </g>`;
  };

  return html`
    <svg class="chart timeline-chart" viewBox=${`0 0 ${W} ${H}`} role="img" aria-label="cooperation-conflict timeline" data-testid="timeline-chart">
      <line class="axis" x1=${M.left} x2=${W - M.right} y1=${y(0)} y2=${y(0)} />
      ${ticks.map((t) => html`<g class="tick"><line x1=${x(t)} x2=${x(t)} y1=${H - M.bottom} y2=${H - M.bottom + 5} />
        <text x=${x(t)} y=${H - M.bottom + 18} text-anchor="middle">${fmt(t)}</text></g>`)}
      ${y.ticks(5).map((t) => html`<g class="tick"><line x1=${M.left - 5} x2=${M.left} y1=${y(t)} y2=${y(t)} />
        <text x=${M.left - 8} y=${y(t) + 4} text-anchor="end">${Math.abs(t)}</text></g>`)}
      <text class="axis-label" x=${M.left} y=${M.top - 8}>events: cooperation ↑ / conflict ↓</text>
      ${[-10, -5, 0, 5, 10].map((t) => html`<g class="tick score"><text x=${W - M.right + 8} y=${ys(t) + 4}>${t > 0 ? '+' + t : t}</text></g>`)}
      <text class="axis-label" x=${W - M.right} y=${M.top - 8} text-anchor="end">mean PLOVER score</text>
      ${points.map(stack)}
      ${withScore.length > 1 && html`<path class="score-line" d=${scoreLine(withScore)} />`}
      ${withScore.map((p) => html`<circle class="score-dot" cx=${x(parseDay(p.period)) + bw / 2} cy=${ys(p.mean_score)} r="4">
        <title>${p.period}: mean score ${fmtScore(p.mean_score)}</title></circle>`)}
    </svg>`;
}

export function TimelineView({ state, setState, go }) {
  const [interval, setInterval] = useState('week');
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const filters = eventFilters(state);
  const key = JSON.stringify(filters);
  useEffect(() => {
    setError(null);
    getJSON('/api/stats/timeline', { ...filters, interval }).then(setData).catch((e) => setError(e.message));
  }, [key, interval]);

  const pair = state.pair ? state.pair.split(',') : null;
  const pick = (p) => {
    const start = parseDay(p.period);
    const end = addDays(start, Math.round(DAYS[interval]) - 1);
    go('explorer', '', { ...state, since: p.period, until: end.toISOString().slice(0, 10) });
  };
  return html`
    <div class="timeline">
      <div class="view-head">
        <h2>${pair ? html`${pair[0]} – ${pair[1]} <small>(${countryName(pair[0])} – ${countryName(pair[1])})</small>` : 'All events'}</h2>
        ${!pair && html`<button type="button" class="primary" onClick=${() => setState({ ...state, pair: 'RUS,PRK' })}>Try RUS – PRK</button>`}
        <label>per <select value=${interval} onChange=${(e) => setInterval(e.target.value)} name="interval">
          <option value="day">day</option><option value="week">week</option><option value="month">month</option>
        </select></label>
        <span class="downloads">Download:
          ${['csv', 'jsonl', 'parquet'].map((f) => html` <a href=${downloadUrl('/api/stats/timeline', { ...filters, interval }, f)} download>${f}</a>`)}
        </span>
      </div>
      ${error && html`<p class="error">${error}</p>`}
      ${data && html`<${TimelineChart} points=${data.points} interval=${interval} onPick=${pick} />`}
      <p class="legend">
        ${[1, 2, 3, 4].map((q) => html`<span><i style=${{ background: QUAD_COLOURS[q] }}></i>${QUADS[q]}</span>`)}
        <span><i class="line"></i>mean score (right axis)</span> · click a bar for its events
      </p>
      ${data && data.points.length > 0 && html`
        <table class="points" data-testid="timeline-table">
          <thead><tr><th>period</th><th>events</th><th>mean score</th><th>verbal coop.</th><th>material coop.</th><th>verbal conflict</th><th>material conflict</th></tr></thead>
          <tbody>${data.points.map((p) => html`<tr><td>${p.period}</td><td>${p.events}</td><td>${fmtScore(p.mean_score)}</td>
            <td>${p.verbal_cooperation}</td><td>${p.material_cooperation}</td><td>${p.verbal_conflict}</td><td>${p.material_conflict}</td></tr>`)}</tbody>
        </table>`}
    </div>`;
}
