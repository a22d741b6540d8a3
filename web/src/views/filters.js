// The filter bar shared by the explorer, timeline, network and map.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { QUADS, countryName } from '../util.js';

const CHIP_KEYS = ['actor', 'recipient', 'country', 'agency', 'language', 'actor_sector', 'actor_name',
  'negated', 'future', 'hypothetical', 'historical', 'alleged'];

export function FilterBar({ state, setState, meta }) {
  const [pa, pb] = (state.pair || '').split(',');
  const [form, setForm] = useState({});
  useEffect(() => {
    setForm({
      a: pa || '', b: pb || '', pair_mode: state.pair_mode || 'any', since: state.since || '',
      until: state.until || '', q: state.q || '', type: (state.type || [])[0] || '', quad: (state.quad || [])[0] || '',
    });
  }, [state]);
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });

  const submit = (e) => {
    e.preventDefault();
    const a = form.a.trim().toUpperCase();
    const b = form.b.trim().toUpperCase();
    setState({
      ...state,
      pair: a && b ? `${a},${b}` : undefined,
      pair_mode: a && b && form.pair_mode !== 'any' ? form.pair_mode : undefined,
      actor: a && !b ? [a] : state.actor,
      since: form.since || undefined,
      until: form.until || undefined,
      q: form.q || undefined,
      type: form.type ? [form.type] : undefined,
      quad: form.quad ? [form.quad] : undefined,
    });
  };
  const clear = () => setState({});
  const drop = (k, v) => {
    const next = { ...state };
    if (Array.isArray(next[k])) next[k] = next[k].filter((x) => x !== v);
    else delete next[k];
    setState(next);
  };
  const chips = [];
  for (const k of CHIP_KEYS) {
    const v = state[k];
    if (v === undefined || v === '') continue;
    for (const x of Array.isArray(v) ? v : [v]) chips.push([k, x]);
  }

  return html`
    <form class="filterbar" onSubmit=${submit} data-testid="filterbar">
      <label title="Two actor codes: events in which both take part (pair_mode any), between them (dyad) or from the first to the second (directed)">
        Pair
        <input name="pair_a" size="4" placeholder="RUS" value=${form.a} onInput=${set('a')} />
        –
        <input name="pair_b" size="4" placeholder="PRK" value=${form.b} onInput=${set('b')} />
        <select name="pair_mode" value=${form.pair_mode} onChange=${set('pair_mode')}>
          <option value="any">both involved</option>
          <option value="dyad">between them</option>
          <option value="directed">first → second</option>
        </select>
      </label>
      <label>From <input type="date" name="since" value=${form.since} onInput=${set('since')} /></label>
      <label>to <input type="date" name="until" value=${form.until} onInput=${set('until')} /></label>
      <label>Type
        <select name="type" value=${form.type} onChange=${set('type')}>
          <option value="">any</option>
          ${(meta?.event_types || []).map((t) => html`<option value=${t}>${t}</option>`)}
        </select>
      </label>
      <label>Quad
        <select name="quad" value=${form.quad} onChange=${set('quad')}>
          <option value="">any</option>
          ${Object.entries(QUADS).map(([k, v]) => html`<option value=${k}>${k} ${v}</option>`)}
        </select>
      </label>
      <label>Search <input name="q" size="14" placeholder="trigger, sentence, actor…" value=${form.q} onInput=${set('q')} /></label>
      <button type="submit" class="primary">Apply</button>
      <button type="button" onClick=${clear}>Clear</button>
      <span class="chips">
        ${chips.map(
          ([k, v]) => html`<span class="chip" title=${k}>${k}: ${k === 'actor' || k === 'recipient' || k === 'country' ? `${v} ${countryName(v) !== v ? '(' + countryName(v) + ')' : ''}` : v}
            <button type="button" aria-label="remove" onClick=${() => drop(k, v)}>×</button></span>`,
        )}
      </span>
    </form>
  `;
}
