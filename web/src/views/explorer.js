// Event explorer: facets on the left, a sortable, paginated table of events on the right.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { downloadUrl, eventFilters, getJSON } from '../api.js';
import { QUADS, QUAD_COLOURS, actorsText, countryName, fmtScore } from '../util.js';

const PAGE = 25;
const FACETS = [
  ['type', 'Event type', 'type'],
  ['quad', 'Quad class', 'quad'],
  ['actor', 'Source actor', 'actor'],
  ['recipient', 'Target actor', 'recipient'],
  ['place_country', 'Place country', 'country'],
  ['agency', 'Agency', 'agency'],
  ['language', 'Language', 'language'],
  ['year', 'Year', 'year'],
  ['flags', 'Flags', 'flag'],
];

export function Sentence({ ev }) {
  const s = ev.sentence || '';
  const a = ev.trigger_start - ev.sentence_start;
  const b = ev.trigger_end - ev.sentence_start;
  if (!(a >= 0 && b <= s.length && a < b)) return html`<span>${s}</span>`;
  return html`<span>${s.slice(0, a)}<mark class="trigger">${s.slice(a, b)}</mark>${s.slice(b)}</span>`;
}

function Facet({ name, title, param, values, state, setState }) {
  if (!values || !values.length) return null;
  const selected = (v) => {
    const cur = state[param];
    if (param === 'year') return state.since === `${v}-01-01` && state.until === `${v}-12-31`;
    if (param === 'flag') return state[v] === 'true';
    return Array.isArray(cur) ? cur.includes(String(v)) : cur === String(v);
  };
  const toggle = (v) => {
    const next = { ...state };
    if (param === 'year') {
      const on = selected(v);
      next.since = on ? undefined : `${v}-01-01`;
      next.until = on ? undefined : `${v}-12-31`;
    } else if (param === 'flag') {
      next[v] = selected(v) ? undefined : 'true';
    } else if (param === 'language') {
      next.language = selected(v) ? undefined : String(v);
    } else {
      const cur = new Set(next[param] || []);
      cur.has(String(v)) ? cur.delete(String(v)) : cur.add(String(v));
      next[param] = [...cur];
    }
    setState(next);
  };
  const label = (v) => {
    if (name === 'quad') return `${v} ${QUADS[v] || ''}`;
    if (['actor', 'recipient', 'place_country'].includes(name)) return `${v} ${countryName(v) !== v ? '· ' + countryName(v) : ''}`;
    return v === null ? '(none)' : String(v);
  };
  return html`
    <section class="facet" data-facet=${name}>
      <h4>${title}</h4>
      <ul>
        ${values.filter((x) => x.value !== null && x.n > 0).slice(0, 12).map(
          (x) => html`<li class=${selected(x.value) ? 'on' : ''}>
            <button type="button" onClick=${() => toggle(x.value)} data-value=${x.value}>
              <span class="fl">${label(x.value)}</span><span class="n">${x.n}</span>
            </button>
          </li>`,
        )}
      </ul>
    </section>`;
}

export function Explorer({ state, setState, openArticle }) {
  const [page, setPage] = useState(0);
  const [sort, setSort] = useState('-date');
  const [data, setData] = useState(null);
  const [facets, setFacets] = useState(null);
  const [error, setError] = useState(null);
  const filters = eventFilters(state);
  const key = JSON.stringify(filters);

  useEffect(() => setPage(0), [key]);
  useEffect(() => {
    setError(null);
    getJSON('/api/events', { ...filters, sort, limit: PAGE, offset: page * PAGE }).then(setData).catch((e) => setError(e.message));
  }, [key, sort, page]);
  useEffect(() => {
    getJSON('/api/events/facets', filters).then(setFacets).catch(() => setFacets(null));
  }, [key]);

  const sortBy = (k) => setSort(sort === `-${k}` ? k : `-${k}`);
  const arrow = (k) => (sort === k ? ' ▲' : sort === `-${k}` ? ' ▼' : '');
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;

  return html`
    <div class="explorer">
      <aside class="facets">
        ${facets && FACETS.map(([name, title, param]) => html`<${Facet} name=${name} title=${title} param=${param}
            values=${facets[name]} state=${state} setState=${setState} />`)}
      </aside>
      <section class="results">
        <div class="results-head">
          <strong data-testid="event-total">${data ? data.total : '…'} events</strong>
          <span class="downloads">Download:
            ${['csv', 'jsonl', 'parquet'].map((f) => html` <a href=${downloadUrl('/api/events', { ...filters, sort }, f)} download>${f}</a>`)}
          </span>
        </div>
        ${error && html`<p class="error">${error}</p>`}
        <table class="events">
          <thead><tr>
            <th><button type="button" onClick=${() => sortBy('date')}>Day${arrow('date')}</button></th>
            <th><button type="button" onClick=${() => sortBy('type')}>Event${arrow('type')}</button></th>
            <th>Source → target</th>
            <th class="sentence">Sentence (trigger marked)</th>
            <th><button type="button" onClick=${() => sortBy('score')}>Score${arrow('score')}</button></th>
            <th>Flags</th><th>Place</th>
          </tr></thead>
          <tbody>
            ${data && data.items.map((ev) => html`
              <tr key=${ev.id} data-event=${ev.id}>
                <td class="nowrap">${ev.day || '–'}${ev.date ? html`<br /><small title="date found in the text">${ev.date}</small>` : ''}</td>
                <td><span class="badge" style=${{ background: QUAD_COLOURS[ev.quad] || '#888' }} title=${QUADS[ev.quad] || ''}>${ev.event}</span>
                  ${ev.mode ? html`<br /><small>${ev.mode}</small>` : ''}</td>
                <td class="nowrap" title=${(ev.source || []).concat(ev.target || []).map((a) => `${a.code}: «${a.text}»`).join('\n')}>
                  ${actorsText(ev.source)} → ${actorsText(ev.target)}</td>
                <td class="sentence"><a href="#" onClick=${(e) => { e.preventDefault(); openArticle(ev.article_id, ev.id); }}
                    title=${ev.title || ev.doc_id || ev.article_id}><${Sentence} ev=${ev} /></a></td>
                <td>${fmtScore(ev.score)}</td>
                <td><small>${(ev.flags || []).join(', ')}</small></td>
                <td><small>${ev.place_name || ''}</small></td>
              </tr>`)}
          </tbody>
        </table>
        ${data && !data.items.length && html`<p class="empty">No events match these filters.</p>`}
        <div class="pager">
          <button type="button" disabled=${page === 0} onClick=${() => setPage(page - 1)}>‹ previous</button>
          <span>page ${page + 1} of ${pages}</span>
          <button type="button" disabled=${page + 1 >= pages} onClick=${() => setPage(page + 1)}>next ›</button>
        </div>
      </section>
    </div>`;
}
