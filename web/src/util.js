// Small shared helpers: quad classes, colours, country names.
import countries from './data/countries.json';

export const QUADS = {
  1: 'verbal cooperation',
  2: 'material cooperation',
  3: 'verbal conflict',
  4: 'material conflict',
};
export const QUAD_COLOURS = { 1: '#5aae61', 2: '#1b7837', 3: '#e08214', 4: '#b2182b' };
export const FLAGS = ['negated', 'future', 'hypothetical', 'historical', 'alleged'];

export function countryName(code) {
  const c = countries[code];
  return c ? c.name : code;
}

export function numericOf(code) {
  const c = countries[code];
  return c ? c.n : null;
}

/** ISO numeric id (world-atlas feature id) -> ISO3 code. */
export const ISO3_BY_NUMERIC = Object.fromEntries(
  Object.entries(countries).filter(([, v]) => v.n).map(([k, v]) => [v.n, k]),
);

export function scoreColour(score) {
  if (score === null || score === undefined) return '#999';
  const t = Math.max(-1, Math.min(1, score / 8));
  if (t >= 0) return `rgb(${Math.round(230 - 190 * t)}, ${Math.round(230 - 80 * t)}, ${Math.round(230 - 170 * t)})`;
  return `rgb(${Math.round(230 - 40 * -t)}, ${Math.round(230 - 200 * -t)}, ${Math.round(230 - 190 * -t)})`;
}

export function fmtScore(x) {
  return x === null || x === undefined ? '–' : (x > 0 ? '+' : '') + Number(x).toFixed(1);
}

export function actorsText(list) {
  if (!list || !list.length) return '–';
  return list.map((a) => `${a.code || '?'}${a.sector ? '/' + a.sector : ''}`).join(' + ');
}
