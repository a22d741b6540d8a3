// Article reader: the clean text with triggers, actors, places, dates, quotes and the cleaner's
// repairs highlighted. Hovering a mark explains it; hovering (or clicking) an event's trigger
// outlines the words that support each of its fields (source, target, place, date).
import { html } from 'htm/preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getJSON } from '../api.js';
import { QUADS, QUAD_COLOURS, actorsText, countryName, fmtScore } from '../util.js';

const KINDS = [
  ['trigger', 'event triggers'],
  ['actor', 'actors'],
  ['place', 'places'],
  ['date', 'dates'],
  ['quote', 'quotes'],
  ['repair', 'repairs'],
];
const PLACE_LABELS = new Set(['PLACE', 'LOC', 'GPE']);
const DATE_LABELS = new Set(['DATE', 'TIME', 'TIMEX', 'TIMEX3']);

/** Every highlightable span of the article as {kind, start, end, ...}. */
export function annotations(art) {
  const out = [];
  const ok = (a) => Number.isInteger(a.start) && Number.isInteger(a.end) && a.end > a.start;
  for (const ev of art.events) out.push({ kind: 'trigger', start: ev.trigger_start, end: ev.trigger_end, ev });
  for (const e of art.entities) {
    const label = (e.label || '').toUpperCase();
    const base = { start: e.start_char, end: e.end_char, ent: e };
    if (label === 'ACTOR' && e.code) out.push({ kind: 'actor', ...base });
    else if (PLACE_LABELS.has(label)) out.push({ kind: 'place', ...base });
    else if (DATE_LABELS.has(label)) out.push({ kind: 'date', ...base });
  }
  for (const p of art.places || []) if (p.source === 'event' && ok(p)) out.push({ kind: 'place', start: p.start, end: p.end, place: p });
  for (const d of art.dates || []) if (d.source === 'event' && ok(d)) out.push({ kind: 'date', start: d.start, end: d.end, date: d });
  for (const q of art.quotes) out.push({ kind: 'quote', start: q.start_char, end: q.end_char, quote: q });
  for (const c of art.changes || []) {
    if (c.in_text && c.clean_start !== null && c.clean_end > c.clean_start) {
      out.push({ kind: 'repair', start: c.clean_start, end: c.clean_end, change: c });
    }
  }
  return out.filter(ok).map((a, i) => ({ ...a, i }));
}

/** Split the text at every annotation boundary: [{start, end, anns}] */
export function segments(text, anns) {
  const cuts = new Set([0, text.length]);
  for (const a of anns) {
    cuts.add(Math.max(0, Math.min(text.length, a.start)));
    cuts.add(Math.max(0, Math.min(text.length, a.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segs = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const s = points[k];
    const e = points[k + 1];
    segs.push({ start: s, end: e, anns: anns.filter((a) => a.start <= s && a.end >= e) });
  }
  return segs;
}

function eventsOfActor(art, ent) {
  const roles = [];
  for (const ev of art.events) {
    for (const [role, list] of [['source', ev.source], ['target', ev.target]]) {
      for (const a of list || []) if (a.start === ent.start_char && a.end === ent.end_char) roles.push(`${role} of ${ev.event} «${ev.trigger_text}»`);
    }
  }
  return roles;
}

/** Lines explaining one annotation: which words support which field, and by which rule. */
export function explain(ann, art) {
  if (ann.kind === 'trigger') {
    const ev = ann.ev;
    const lines = [
      `${ev.event}${ev.mode ? ' · ' + ev.mode : ''} — ${QUADS[ev.quad] || 'quad ?'}, score ${fmtScore(ev.score)}`,
      `trigger «${ev.trigger_text}» (rule ${ev.rule || '?'}, confidence ${ev.confidence ?? '?'})`,
    ];
    for (const a of ev.source || []) lines.push(`source «${a.text}» → ${a.code || '?'}${a.sector ? '/' + a.sector : ''}`);
    if (!(ev.source || []).length) lines.push('source: none found');
    for (const a of ev.target || []) lines.push(`target «${a.text}» → ${a.code || '?'}${a.sector ? '/' + a.sector : ''}`);
    if (!(ev.target || []).length) lines.push('target: none found');
    const dateEv = (ev.evidence || []).find((x) => x.field === 'date');
    lines.push(ev.date ? `date ${ev.date} (${ev.date_precision || '?'})${dateEv ? ` from «${dateEv.text}»` : ''}`
      : `date: none in the text; day = publication ${art.published || '?'}`);
    const placeEv = (ev.evidence || []).find((x) => x.field === 'place');
    if (ev.place_name) lines.push(`place ${ev.place_name}${ev.place_country ? ' (' + ev.place_country + ')' : ''}${placeEv ? ` from «${placeEv.text}»` : ''}`);
    if ((ev.flags || []).length) lines.push(`flags: ${ev.flags.join(', ')}`);
    const by = ev.asserted_by;
    if (by) {
      const who = by.speaker || by.text || by.name || by.code || '?';
      const byEv = (ev.evidence || []).find((x) => x.field === 'asserted_by');
      lines.push(`according to ${who}${by.code ? ' → ' + by.code + (by.sector ? '/' + by.sector : '') : ''} (${by.kind || 'source'}${byEv ? `, «${byEv.text}»` : ''})`);
    }
    return lines;
  }
  if (ann.kind === 'actor') {
    const e = ann.ent;
    return [
      `actor «${e.text}» → ${e.code}${e.sector ? '/' + e.sector : ''} (${countryName(e.code)})`,
      `${e.name ? e.name + ' · ' : ''}rule ${e.rule || '?'}, confidence ${e.confidence ?? '?'}`,
      ...eventsOfActor(art, e),
    ];
  }
  if (ann.kind === 'place') {
    if (ann.place) return [`event place «${ann.place.text}» → ${ann.place.name || ''} ${ann.place.code || ''}`];
    const e = ann.ent;
    return [`place «${e.text}»${e.code ? ' → ' + e.code : ''}${e.name ? ' (' + e.name + ')' : ''}`, `label ${e.label}, rule ${e.rule || '?'}`];
  }
  if (ann.kind === 'date') {
    if (ann.date) return [`event date «${ann.date.text}» → ${ann.date.value} (${ann.date.precision || '?'})`];
    const e = ann.ent;
    return [`date «${e.text}»${e.name ? ' → ' + e.name : ''}`, `rule ${e.rule || '?'}`];
  }
  if (ann.kind === 'quote') {
    const q = ann.quote;
    const who = q.speaker ? `${q.speaker.text || q.speaker_name} (${q.speaker_code || '?'}${q.speaker_sector ? '/' + q.speaker_sector : ''})` : 'speaker unknown';
    return [`${q.kind || 'quote'} quote — ${who}`, q.cue ? `cue «${q.cue}»` : 'no cue word', `confidence ${q.confidence ?? '?'}`];
  }
  if (ann.kind === 'repair') {
    const c = ann.change;
    return [`cleaner's repair (${c.kind}): «${c.before}» → «${c.after}»`, c.reason, `input characters ${c.input_start}–${c.input_end}`];
  }
  return [];
}

function ArticleList({ current, openArticle }) {
  const [q, setQ] = useState('');
  const [list, setList] = useState(null);
  useEffect(() => {
    const t = setTimeout(() => getJSON('/api/articles', { q: q || undefined, limit: 200, sort: '-events' }).then(setList).catch(() => {}), 200);
    return () => clearTimeout(t);
  }, [q]);
  return html`
    <aside class="article-list">
      <input placeholder="search titles and text" value=${q} onInput=${(e) => setQ(e.target.value)} name="article_q" />
      <small>${list ? `${list.total} article(s)` : ''}</small>
      <ul>
        ${list && list.items.map((a) => html`<li class=${a.id === current ? 'on' : ''}>
          <a href="#" data-article=${a.id} data-doc=${a.doc_id || ''} onClick=${(e) => { e.preventDefault(); openArticle(a.id); }}>
            ${a.title || a.doc_id || a.id}</a>
          <small>${a.published || 'no date'} · ${a.language || '?'} · ${a.n_events} events · ${a.n_quotes} quotes</small>
        </li>`)}
      </ul>
    </aside>`;
}

function Tooltip({ tip }) {
  if (!tip) return null;
  const style = { left: `${Math.min(tip.x + 14, window.innerWidth - 440)}px`, top: `${tip.y + 16}px` };
  return html`<div class="tooltip" style=${style} role="tooltip" data-testid="tooltip">
    ${tip.anns.map((a) => html`<div class=${'tip tip-' + a.kind}>${explain(a, tip.art).map((l, k) => html`<div class=${k ? '' : 'tip-head'}>${l}</div>`)}</div>`)}
  </div>`;
}

export function Reader({ articleId, state, go, openArticle }) {
  const [art, setArt] = useState(null);
  const [error, setError] = useState(null);
  const [show, setShow] = useState(Object.fromEntries(KINDS.map(([k]) => [k, true])));
  const [hoverEvent, setHoverEvent] = useState(null);
  const [pinned, setPinned] = useState(state.event || null);
  const [tip, setTip] = useState(null);
  const textRef = useRef(null);

  useEffect(() => {
    setArt(null);
    setError(null);
    if (!articleId) return;
    getJSON(`/api/articles/${encodeURIComponent(articleId)}`).then(setArt).catch((e) => setError(e.message));
  }, [articleId]);
  useEffect(() => setPinned(state.event || null), [state.event]);

  const anns = useMemo(() => (art ? annotations(art) : []), [art]);
  const activeId = hoverEvent || pinned;
  const active = art && activeId ? art.events.find((e) => e.id === activeId) : null;
  const support = useMemo(() => (active ? (active.evidence || []).filter((x) => x.field !== 'trigger').map((x, k) => ({ kind: 'support', ...x, k })) : []), [active]);
  const segs = useMemo(() => (art ? segments(art.text, anns.filter((a) => show[a.kind]).concat(support)) : []), [art, anns, show, support]);

  useEffect(() => {
    if (!art || !pinned || !textRef.current) return;
    const el = textRef.current.querySelector(`[data-event~="${pinned}"]`);
    if (el && el.scrollIntoView) el.scrollIntoView({ block: 'center' });
  }, [art, pinned]);

  if (!articleId) {
    return html`<div class="reader"><${ArticleList} current="" openArticle=${openArticle} />
      <section class="article"><p class="empty">Pick an article on the left, or click an event's sentence in the explorer.</p></section></div>`;
  }

  const onOver = (e) => {
    const el = e.target.closest('[data-anns]');
    if (!el) {
      setTip(null);
      setHoverEvent(null);
      return;
    }
    const ids = el.dataset.anns.split(' ').filter(Boolean).map(Number);
    const hit = anns.filter((a) => ids.includes(a.i));
    setTip(hit.length ? { x: e.clientX, y: e.clientY, anns: hit, art } : null);
    const trig = hit.find((a) => a.kind === 'trigger');
    setHoverEvent(trig ? trig.ev.id : null);
  };
  const onClick = (e) => {
    const el = e.target.closest('[data-event]');
    if (el) setPinned(el.dataset.event.split(' ')[0]);
  };

  const renderSeg = (s) => {
    const text = art.text.slice(s.start, s.end);
    if (!s.anns.length) return text;
    const kinds = new Set(s.anns.map((a) => a.kind));
    const trig = s.anns.filter((a) => a.kind === 'trigger').map((a) => a.ev);
    const sup = s.anns.filter((a) => a.kind === 'support');
    const actorCodes = s.anns.filter((a) => a.kind === 'actor').map((a) => a.ent.code);
    const cls = [...kinds].map((k) => 'hl-' + k);
    if (trig.length) cls.push('quad-' + (trig[0].quad || 0));
    if (trig.some((ev) => ev.id === activeId)) cls.push('active');
    const attrs = {
      class: cls.join(' '),
      'data-anns': s.anns.filter((a) => a.kind !== 'support').map((a) => a.i).join(' '),
    };
    if (trig.length) {
      attrs['data-event'] = trig.map((ev) => ev.id).join(' ');
      attrs['data-trigger'] = trig.map((ev) => ev.event).join(' ');
      attrs['data-source'] = [...new Set(trig.flatMap((ev) => (ev.source_codes || '').split(';')).filter(Boolean))].join(' ');
      attrs['data-target'] = [...new Set(trig.flatMap((ev) => (ev.target_codes || '').split(';')).filter(Boolean))].join(' ');
    }
    if (actorCodes.length) attrs['data-code'] = actorCodes.join(' ');
    if (sup.length) {
      attrs['data-role'] = [...new Set(sup.map((x) => x.field))].join('+');
      if (sup.some((x) => x.start === s.start)) attrs.class += ' sup-start';
    }
    return html`<span ...${attrs}>${text}</span>`;
  };

  return html`
    <div class="reader">
      <${ArticleList} current=${art ? art.id : articleId} openArticle=${openArticle} />
      <section class="article">
        ${error && html`<p class="error">${error}</p>`}
        ${!art && !error && html`<p>Loading…</p>`}
        ${art && html`
          <header class="article-head">
            <h2>${art.title || art.doc_id || art.id}</h2>
            <div class="meta">
              <span>id ${art.id}</span> · <span>${art.doc_id}</span> · <span>published ${art.published || 'unknown'}${art.published_source ? ` (${art.published_source})` : ''}</span>
              · <span>${art.language}</span> ${art.agencies && art.agencies.length ? html`· <span>agencies ${art.agencies.join(', ')}</span>` : ''}
              ${art.url ? html` · <a href=${art.url} rel="noopener noreferrer">source</a>` : ''}
            </div>
            <div class="toggles">
              ${KINDS.map(([k, label]) => html`<label class=${'hl-' + k}><input type="checkbox" checked=${show[k]}
                 onChange=${() => setShow({ ...show, [k]: !show[k] })} /> ${label}</label>`)}
            </div>
          </header>
          <div class="text" ref=${textRef} onMouseOver=${onOver} onMouseLeave=${() => { setTip(null); setHoverEvent(null); }}
               onClick=${onClick} data-testid="article-text">${segs.map(renderSeg)}</div>
          <${Tooltip} tip=${tip} />
        `}
      </section>
      ${art && html`<${SidePanel} art=${art} activeId=${activeId} setPinned=${setPinned} />`}
    </div>`;
}

function SidePanel({ art, activeId, setPinned }) {
  const removed = (art.changes || []).filter((c) => !c.in_text);
  const repairs = (art.changes || []).filter((c) => c.in_text);
  return html`
    <aside class="side">
      <details open>
        <summary>Events (${art.events.length})</summary>
        <ol class="event-list">
          ${art.events.map((ev) => html`<li class=${ev.id === activeId ? 'on' : ''} data-event=${ev.id}>
            <button type="button" onClick=${() => setPinned(ev.id)}>
              <span class="badge" style=${{ background: QUAD_COLOURS[ev.quad] || '#888' }}>${ev.event}</span>
              ${actorsText(ev.source)} → ${actorsText(ev.target)} «${ev.trigger_text}»
              ${(ev.flags || []).length ? html`<small> ${ev.flags.join(', ')}</small>` : ''}
            </button></li>`)}
        </ol>
      </details>
      <details open>
        <summary>Repairs in the text (${repairs.length})</summary>
        <ul class="changes">${repairs.map((c) => html`<li><b>${c.kind}</b> «${c.before}» → «${c.after}»<br /><small>${c.reason}</small></li>`)}</ul>
      </details>
      <details>
        <summary>Removed by the cleaner (${removed.length})</summary>
        <ul class="changes">${removed.map((c) => html`<li><b>${c.kind}</b> <small>${c.reason}</small><br />«${c.before.slice(0, 160)}${c.before.length > 160 ? '…' : ''}»</li>`)}</ul>
      </details>
      ${[['Captions', art.captions], ['Credits', art.credits], ['Attribution', art.attribution]].map(([t, xs]) =>
        xs && xs.length ? html`<details><summary>${t} (${xs.length})</summary><ul>${xs.map((x) => html`<li>${x}</li>`)}</ul></details>` : null)}
      <details>
        <summary>Quotes (${art.quotes.length})</summary>
        <ul>${art.quotes.map((q) => html`<li>«${q.text}» <small>${q.speaker_name || '?'} ${q.speaker_code || ''}</small></li>`)}</ul>
      </details>
    </aside>`;
}
