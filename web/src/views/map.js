// Map of event places on country outlines (Natural Earth via world-atlas, bundled: no tiles, no
// network). Countries are shaded by the number of filtered events they take part in (as actor or
// as place); dots are event places with coordinates, sized by events, coloured by mean score.
import { html } from 'htm/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { geoGraticule10, geoNaturalEarth1, geoPath } from 'd3-geo';
import { scaleSqrt } from 'd3-scale';
import { feature, mesh } from 'topojson-client';
import worldUrl from 'world-atlas/countries-110m.json?url';
import { eventFilters, getJSON } from '../api.js';
import { ISO3_BY_NUMERIC, countryName, fmtScore, scoreColour } from '../util.js';

const W = 960;
const H = 500;
let worldPromise = null;

function loadWorld() {
  worldPromise = worldPromise || fetch(worldUrl).then((r) => r.json());
  return worldPromise;
}

function codeOf(f) {
  return ISO3_BY_NUMERIC[f.id] || (f.properties && f.properties.name === 'Kosovo' ? 'XKX' : null);
}

export function MapView({ state, go }) {
  const [world, setWorld] = useState(null);
  const [stats, setStats] = useState(null);
  const [error, setError] = useState(null);
  const filters = eventFilters(state);
  const key = JSON.stringify(filters);
  useEffect(() => {
    loadWorld().then(setWorld).catch((e) => setError(`country outlines: ${e.message}`));
  }, []);
  useEffect(() => {
    getJSON('/api/stats/map', filters).then(setStats).catch((e) => setError(e.message));
  }, [key]);

  const geo = useMemo(() => {
    if (!world) return null;
    const countries = feature(world, world.objects.countries).features;
    const projection = geoNaturalEarth1().fitSize([W, H], { type: 'Sphere' });
    const path = geoPath(projection);
    return { countries, projection, path, borders: path(mesh(world, world.objects.countries, (a, b) => a !== b)) };
  }, [world]);

  const byCode = Object.fromEntries((stats?.countries || []).map((c) => [c.code, c]));
  const maxN = Math.max(1, ...(stats?.countries || []).map((c) => c.events));
  const shade = (n) => (n ? `rgba(31, 95, 160, ${0.15 + 0.75 * Math.sqrt(n / maxN)})` : '#eef0f2');
  const pair = new Set((state.pair || '').split(',').filter(Boolean));
  const places = stats?.places || [];
  const r = scaleSqrt().domain([1, Math.max(1, ...places.map((p) => p.events))]).range([3, 16]);

  return html`
    <div class="map">
      <div class="view-head"><h2>Where</h2>
        <span>${places.length} place(s) with coordinates · ${(stats?.countries || []).length} countries involved</span></div>
      ${error && html`<p class="error">${error}</p>`}
      ${geo && html`
        <svg class="chart map-chart" viewBox=${`0 0 ${W} ${H}`} data-testid="map-chart">
          <path class="sphere" d=${geo.path({ type: 'Sphere' })} />
          <path class="graticule" d=${geo.path(geoGraticule10())} />
          ${geo.countries.map((f) => {
            const code = codeOf(f);
            const c = code && byCode[code];
            return html`<path class=${'country' + (pair.has(code) ? ' in-pair' : '')} d=${geo.path(f)} fill=${shade(c ? c.events : 0)}
                data-code=${code || ''} onClick=${() => code && go('explorer', '', { ...state, country: [code] })}>
                <title>${f.properties.name}${code ? ` (${code})` : ''}: ${c ? `${c.events} events (as actor ${c.as_actor}, as place ${c.as_place}), mean score ${fmtScore(c.mean_score)}` : 'no events'}</title>
              </path>`;
          })}
          <path class="borders" d=${geo.borders} />
          ${places.map((p) => {
            const xy = geo.projection([p.lon, p.lat]);
            return xy && html`<circle class="place" cx=${xy[0]} cy=${xy[1]} r=${r(p.events)} fill=${scoreColour(p.mean_score)} data-place=${p.name}>
              <title>${p.name}${p.country ? ` (${p.country})` : ''}: ${p.events} events, mean score ${fmtScore(p.mean_score)}</title></circle>`;
          })}
        </svg>`}
      <p class="legend">Blue: events a country takes part in (actor or place). Dots: event places with coordinates
        (colour = mean PLOVER score). Outlines: Natural Earth 1:110m (world-atlas).
        ${stats && !places.length ? ' No event of this selection has coordinates yet.' : ''}
        ${[...pair].map((c) => ` ${c} = ${countryName(c)}.`)}</p>
    </div>`;
}
