// Talking to the newsevents API: query strings from the shared filter state, JSON fetches.

export const FILTER_KEYS = [
  'since', 'until', 'type', 'quad', 'actor', 'recipient', 'country', 'pair', 'pair_mode', 'agency',
  'language', 'q', 'negated', 'future', 'hypothetical', 'historical', 'alleged', 'actor_sector', 'actor_name',
];

/** URLSearchParams from an object; arrays become repeated keys, empty values are left out. */
export function qs(params) {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => s.append(k, x));
    else s.append(k, String(v));
  }
  return s.toString();
}

/** Only the event filters of a state object. */
export function eventFilters(state) {
  const out = {};
  for (const k of FILTER_KEYS) if (state[k] !== undefined && state[k] !== '') out[k] = state[k];
  return out;
}

export class ApiError extends Error {}

export async function getJSON(path, params = {}) {
  const q = qs(params);
  const res = await fetch(q ? `${path}?${q}` : path, { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    body = null;
  }
  if (!res.ok) throw new ApiError((body && body.error) || `${res.status} ${res.statusText}`);
  return body;
}

export function downloadUrl(path, params, format) {
  return `${path}?${qs({ ...params, format })}`;
}
