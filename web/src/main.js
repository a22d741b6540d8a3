// The newsevents dashboard: one page, hash-routed views sharing one set of event filters.
import { render } from 'preact';
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { getJSON } from './api.js';
import { FilterBar } from './views/filters.js';
import { Explorer } from './views/explorer.js';
import { TimelineView } from './views/timeline.js';
import { NetworkView } from './views/network.js';
import { MapView } from './views/map.js';
import { Reader } from './views/reader.js';
import './style.css';

const VIEWS = [
  ['explorer', 'Events'],
  ['timeline', 'Timeline'],
  ['network', 'Network'],
  ['map', 'Map'],
  ['article', 'Articles'],
];
const MULTI = new Set(['type', 'quad', 'actor', 'recipient', 'country', 'agency']);

/** {view, id, state} from location.hash, e.g. #/timeline?pair=RUS,PRK or #/article/abc?event=x */
export function parseHash(hash = location.hash) {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [view = 'explorer', id = ''] = path.split('/').map(decodeURIComponent);
  const state = {};
  for (const [k, v] of new URLSearchParams(query)) {
    if (MULTI.has(k)) (state[k] = state[k] || []).push(v);
    else state[k] = v;
  }
  return { view: VIEWS.some(([v]) => v === view) ? view : 'explorer', id, state };
}

export function makeHash(view, id, state) {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
    if (Array.isArray(v)) v.forEach((x) => s.append(k, x));
    else s.append(k, v);
  }
  const q = s.toString();
  return `#/${view}${id ? '/' + encodeURIComponent(id) : ''}${q ? '?' + q : ''}`;
}

function App() {
  const [route, setRoute] = useState(parseHash());
  const [meta, setMeta] = useState(null);
  const [health, setHealth] = useState(null);

  useEffect(() => {
    const onHash = () => setRoute(parseHash());
    window.addEventListener('hashchange', onHash);
    getJSON('/api/meta').then(setMeta).catch(() => setMeta({ event_types: [], quads: {} }));
    getJSON('/api/health').then(setHealth).catch(() => {});
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const go = (view, id = '', state = route.state) => {
    location.hash = makeHash(view, id, state);
  };
  const setState = (state) => go(route.view, route.id, state);
  const openArticle = (articleId, eventId) =>
    go('article', articleId, { ...route.state, event: eventId || undefined });

  const props = { state: route.state, setState, go, openArticle, meta };
  let body;
  if (route.view === 'timeline') body = html`<${TimelineView} ...${props} />`;
  else if (route.view === 'network') body = html`<${NetworkView} ...${props} />`;
  else if (route.view === 'map') body = html`<${MapView} ...${props} />`;
  else if (route.view === 'article') body = html`<${Reader} ...${props} articleId=${route.id} />`;
  else body = html`<${Explorer} ...${props} />`;

  return html`
    <header class="top">
      <div class="brand"><img src="/static/favicon.svg" alt="" /> newsevents</div>
      <nav>
        ${VIEWS.map(
          ([v, label]) =>
            html`<a href=${makeHash(v, v === 'article' && route.view === 'article' ? route.id : '', route.state)}
              class=${route.view === v ? 'active' : ''} data-view=${v}>${label}</a>`,
        )}
      </nav>
      <div class="dbinfo">
        ${health ? html`${health.counts.articles} articles · ${health.counts.events} events · ${health.counts.quotes} quotes` : ''}
        <a href="/api/docs" target="_blank" rel="noopener">API</a>
      </div>
    </header>
    ${route.view !== 'article' && html`<${FilterBar} state=${route.state} setState=${setState} meta=${meta} />`}
    <main class=${'view view-' + route.view}>${body}</main>
  `;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
