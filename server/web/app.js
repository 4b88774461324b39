// sitrep's page: a map of incidents (clustered by the server), the control
// of places as of a day on a slider, a timeline, a list of incidents and
// the reports behind each one.
//
// Every string that comes from the record (titles, sentences, article
// text, place and actor names) is hostile: it only ever reaches the page
// through textContent, attributes or Leaflet's element-taking APIs, never
// through innerHTML.
'use strict';

(function () {
  // A breach of the Content-Security-Policy is a bug of the page: say so
  // where a developer (and the browser test) looks.
  document.addEventListener('securitypolicyviolation', e => {
    console.error('Content-Security-Policy: ' + e.violatedDirective + ' refused ' + (e.blockedURI || 'inline code'));
  });

  // ---- constants ------------------------------------------------------

  const EVENT_TYPES = [
    'Battles',
    'Explosions/Remote violence',
    'Violence against civilians',
    'Protests',
    'Riots',
    'Strategic developments',
  ];
  const TYPE_COLORS = {
    'Battles': '#c0392b',
    'Explosions/Remote violence': '#e08a1e',
    'Violence against civilians': '#8e44ad',
    'Protests': '#2f80c0',
    'Riots': '#138d75',
    'Strategic developments': '#7b8288',
  };
  const SIDES = [
    ['government', 'Government', '#1f4e8c'],
    ['rebel', 'Rebels', '#2e8b57'],
    ['militia', 'Militias', '#b7791f'],
    ['identity_militia', 'Identity militias', '#9c4f2a'],
    ['external', 'External forces', '#6a4c93'],
    ['', 'Other', '#666666'],
  ];
  const SIDE_COLORS = Object.fromEntries(SIDES.map(s => [s[0], s[2]]));
  const FILTERS = ['since', 'until', 'type', 'country', 'actor', 'q', 'near', 'km'];
  const PAGE = 50;
  const SNIPPET_BYTES = 280;
  const DAY = 86400;

  // ---- state, kept in the URL -----------------------------------------

  const state = {
    f: {},          // filters: since, until, type, country, actor, q, near, km
    view: null,     // {lat, lon, z}
    date: '',       // the slider's day, YYYY-MM-DD
    control: true,  // control layer shown
    sel: '',        // selected incident id
  };

  function readURL() {
    const p = new URLSearchParams(location.search);
    for (const k of FILTERS) {
      const v = p.get(k);
      if (v) state.f[k] = v;
    }
    const m = (p.get('map') || '').split(',').map(Number);
    if (m.length === 3 && m.every(Number.isFinite)) state.view = { lat: m[0], lon: m[1], z: m[2] };
    if (isDay(p.get('d'))) state.date = p.get('d');
    state.control = p.get('control') !== '0';
    state.sel = p.get('sel') || '';
  }

  function writeURL() {
    const p = new URLSearchParams();
    for (const k of FILTERS) if (state.f[k]) p.set(k, state.f[k]);
    if (map) {
      const c = map.getCenter();
      p.set('map', c.lat.toFixed(4) + ',' + c.lng.toFixed(4) + ',' + map.getZoom());
    }
    if (state.date) p.set('d', state.date);
    if (!state.control) p.set('control', '0');
    if (state.sel) p.set('sel', state.sel);
    const s = p.toString().replace(/%2C/g, ',');
    history.replaceState(null, '', s ? '?' + s : location.pathname);
  }

  function filterParams() {
    const p = new URLSearchParams();
    for (const k of FILTERS) if (state.f[k]) p.set(k, state.f[k]);
    return p;
  }

  // ---- small helpers ----------------------------------------------------

  const $ = id => document.getElementById(id);

  // el builds an element; text children become text nodes, never markup.
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('data-')) e.setAttribute(k, String(v));
      else if (k === 'style') Object.assign(e.style, v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const k of kids) {
      if (k == null || k === false) continue;
      e.append(k instanceof Node ? k : document.createTextNode(String(k)));
    }
    return e;
  }

  function isDay(s) { return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s); }
  function dayTs(s) { return Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 1000; }
  function tsDay(t) { return new Date(t * 1000).toISOString().slice(0, 10); }
  function plural(n, one, many) { return n.toLocaleString('en') + ' ' + (n === 1 ? one : (many || one + 's')); }
  function typeColor(t) { return TYPE_COLORS[t] || TYPE_COLORS[taxonomy[t]] || '#7b8288'; }
  function sideColor(s) { return SIDE_COLORS[s] || SIDE_COLORS['']; }

  // mark notes in the browser's timeline when a part of the page was
  // first drawn (scripts/firstrender prints the marks); after the first
  // render it marks nothing, so a long session does not pile them up.
  function mark(name) {
    if (!document.body.dataset.ready) performance.mark('sitrep-' + name);
  }

  function debounce(fn, ms) {
    let t = 0;
    return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
  }

  // httpLink returns a link for an article URL, or null unless it is
  // http or https.
  function httpLink(url, text) {
    let u;
    try { u = new URL(url); } catch (e) { return null; }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return el('a', { href: u.href, rel: 'noopener noreferrer', target: '_blank', text: text });
  }

  class APIError extends Error {}

  // A server started with --read-token wants SITREP_TOKEN on reads too:
  // open the page as /#token=... and the token is kept for this tab (the
  // fragment never reaches a server or a Referer) and sent with each call.
  const token = (() => {
    const m = /(?:^#|&)token=([^&]*)/.exec(location.hash);
    if (m) {
      sessionStorage.setItem('sitrep-token', decodeURIComponent(m[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
    return sessionStorage.getItem('sitrep-token') || '';
  })();

  async function api(path, params) {
    const q = params ? params.toString() : '';
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    const res = await fetch(path + (q ? '?' + q : ''), { headers });
    let body = null;
    try { body = await res.json(); } catch (e) { /* reported below */ }
    if (!res.ok) {
      const msg = body && body.error && body.error.message ? body.error.message : res.status + ' ' + res.statusText;
      const err = new APIError(msg);
      err.status = res.status;
      throw err;
    }
    if (body == null) throw new APIError(path + ': not JSON');
    return body;
  }

  // latest runs a request of a channel and drops its answer when a newer
  // request of that channel has started meanwhile.
  const seqs = {};
  async function latest(channel, fn) {
    const n = (seqs[channel] = (seqs[channel] || 0) + 1);
    const v = await fn();
    if (seqs[channel] !== n) throw new StaleError();
    return v;
  }
  class StaleError extends Error {}

  const problems = new Map();
  function report(channel, err) {
    if (err instanceof StaleError) return;
    if (err) problems.set(channel, err.message || String(err));
    else problems.delete(channel);
    const box = $('map-status');
    box.textContent = '';
    for (const msg of problems.values()) box.append(el('p', { text: msg }));
    box.hidden = problems.size === 0;
    if (err) console.error(channel, err);
  }

  // ---- taxonomy and filters --------------------------------------------

  let taxonomy = {}; // sub-event type -> event type

  function fillTypes(tx) {
    const sel = $('f-type');
    const types = tx.event_types || {};
    const names = EVENT_TYPES.filter(t => t in types).concat(Object.keys(types).filter(t => !EVENT_TYPES.includes(t)));
    for (const t of names) {
      const g = el('optgroup', { label: t });
      g.append(el('option', { value: t, text: 'All ' + t.toLowerCase() }));
      for (const s of types[t] || []) {
        taxonomy[s] = t;
        g.append(el('option', { value: s, text: s }));
      }
      sel.append(g);
    }
    sel.value = state.f.type || '';
  }

  function formToState() {
    const f = {};
    for (const k of ['since', 'until', 'type', 'country', 'actor', 'q']) {
      const v = $('f-' + k).value.trim();
      if (v) f[k] = v;
    }
    if (state.f.near) { f.near = state.f.near; f.km = state.f.km; }
    state.f = f;
  }

  function stateToForm() {
    for (const k of ['since', 'until', 'type', 'country', 'actor', 'q']) $('f-' + k).value = state.f[k] || '';
    renderNearChip();
  }

  function renderNearChip() {
    let chip = $('near-chip');
    if (!state.f.near) { if (chip) chip.remove(); return; }
    if (!chip) {
      chip = el('span', { id: 'near-chip', class: 'chip' });
      $('f-apply').before(chip);
    }
    chip.textContent = '';
    chip.append('within ' + (state.f.km || '?') + ' km of ' + state.f.near + ' ',
      el('button', { type: 'button', id: 'near-clear', title: 'Remove this filter', 'aria-label': 'Remove the place filter', text: '×' }));
    $('near-clear').addEventListener('click', () => { delete state.f.near; delete state.f.km; applyFilters(); });
  }

  function applyFilters() {
    formToState();
    stateToForm();
    writeURL();
    loadClusters();
    loadStats();
    loadList(true);
    loadTolls();
    loadControl();
  }

  // ---- map --------------------------------------------------------------

  let map, incRenderer, clusterLayer, labelLayer, controlLayer, selLayer;
  let countriesLayer = null, fineCountries = null;
  const markersById = new Map();

  function initMap() {
    map = L.map('map', {
      attributionControl: false,
      minZoom: 2,
      maxZoom: 12,
      zoomSnap: 1,
      worldCopyJump: false,
      maxBounds: [[-85, -200], [85, 200]],
      maxBoundsViscosity: 0.8,
    });
    // Control marks lie over incidents' circles (a town's holder stays
    // seen under a group of incidents), and groups' counts over both.
    map.createPane('countries').style.zIndex = 200;
    map.createPane('incidents').style.zIndex = 410;
    map.createPane('control').style.zIndex = 420;
    map.createPane('labels').style.zIndex = 430;
    map.getPane('labels').style.pointerEvents = 'none';
    incRenderer = L.svg({ pane: 'incidents', padding: 0.2 });
    clusterLayer = L.layerGroup().addTo(map);
    labelLayer = L.layerGroup().addTo(map);
    controlLayer = L.layerGroup().addTo(map);
    selLayer = L.layerGroup().addTo(map);
    L.control.scale({ imperial: false, position: 'bottomright' }).addTo(map);
    if (state.view) map.setView([state.view.lat, state.view.lon], state.view.z);
    else map.setView([25, 20], 2);
    map.on('zoomend', () => {
      zoomClasses();
      if (map.getZoom() >= 5) loadFineCountries();
    });
  }

  // zoomClasses lets the style follow the zoom: place names from zoom 6,
  // small control marks below 5.
  function zoomClasses() {
    $('map').classList.toggle('zoomed-out', map.getZoom() < 6);
    $('map').classList.toggle('far-out', map.getZoom() < 5);
  }

  // drawCountries draws the land and the borders between countries: two
  // layers, not one per country, so the map is quick to draw. The land is
  // the atlas's own, its countries merged when it was built (merging them
  // here held the page's thread for 10 to 25 ms at each load).
  function drawCountries(topo, fine) {
    const countries = topo.objects.countries;
    const land = topojson.feature(topo, topo.objects.land).features.map(f => unwrap(f.geometry));
    const borders = unwrap(topojson.mesh(topo, countries, (a, b) => a !== b));
    const renderer = L.canvas({ pane: 'countries', padding: 0.3 });
    // data-land-draws counts the countries' draws (each update of their
    // canvas draws them all).
    renderer.on('update', () => { $('map').dataset.landDraws = String(+($('map').dataset.landDraws || 0) + 1); });
    const layer = L.layerGroup([
      L.geoJSON(land, { pane: 'countries', renderer, interactive: false,
        style: { color: '#a9a396', weight: 0.8, fillColor: '#f8f6f1', fillOpacity: 1 } }),
      L.geoJSON(borders, { pane: 'countries', renderer, interactive: false,
        style: { color: '#b9b3a6', weight: 0.7, fill: false } }),
    ]).addTo(map);
    if (countriesLayer) map.removeLayer(countriesLayer);
    countriesLayer = layer;
    $('map').dataset.countries = fine ? '50m' : '110m';
    mark('countries');
  }

  // unwrap makes lines that cross the antimeridian continuous (Chukotka at
  // 190° rather than a stroke across the world), and closes a ring that
  // goes round the globe (Antarctica) through its pole.
  function unwrap(geom) {
    const line = (pts, ring) => {
      const out = [pts[0].slice()];
      let shift = 0;
      for (let i = 1; i < pts.length; i++) {
        let lon = pts[i][0] + shift;
        const prev = out[i - 1][0];
        if (lon - prev > 180) { shift -= 360; lon -= 360; }
        else if (prev - lon > 180) { shift += 360; lon += 360; }
        out.push([lon, pts[i][1]]);
      }
      const first = out[0], last = out[out.length - 1];
      if (ring && Math.abs(last[0] - first[0]) > 180) {
        const pole = out.reduce((a, p) => a + p[1], 0) < 0 ? -90 : 90;
        out.push([last[0], pole], [first[0], pole], first.slice());
      }
      return out;
    };
    switch (geom.type) {
      case 'Polygon': return { type: 'Polygon', coordinates: geom.coordinates.map(r => line(r, true)) };
      case 'MultiPolygon': return { type: 'MultiPolygon', coordinates: geom.coordinates.map(p => p.map(r => line(r, true))) };
      case 'LineString': return { type: 'LineString', coordinates: line(geom.coordinates, false) };
      case 'MultiLineString': return { type: 'MultiLineString', coordinates: geom.coordinates.map(l => line(l, false)) };
    }
    return geom;
  }

  // loadCountries draws the 1:110m countries (atlas, the promise of the
  // atlas) once the map has its first view (placed, the promise that it
  // has).
  async function loadCountries(atlas, placed) {
    try {
      const topo = await atlas;
      await placed;
      if (!fineCountries) drawCountries(topo, false);
    } catch (e) { report('countries', e); }
  }

  // loadFineCountries swaps in the 1:50m boundaries once the map is zoomed
  // in far enough for the coarse ones to look wrong.
  async function loadFineCountries() {
    if (fineCountries) return;
    fineCountries = 'loading';
    try {
      const res = await fetch('vendor/world-atlas/countries-50m.json');
      fineCountries = await res.json();
      drawCountries(fineCountries, true);
    } catch (e) { fineCountries = null; report('countries', e); }
  }

  // clamp keeps bounds within the one world the map draws.
  function clamp(b) {
    let w = b.getWest(), e = b.getEast();
    if (e - w >= 360) { w = -180; e = 180; }
    w = Math.max(-180, Math.min(180, w));
    e = Math.max(-180, Math.min(180, e));
    const s = Math.max(-85, Math.min(85, b.getSouth()));
    const n = Math.max(-85, Math.min(85, b.getNorth()));
    return L.latLngBounds([s, w], [n, e]);
  }

  function bboxParam(b) {
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(v => v.toFixed(4)).join(',');
  }

  // radius sizes a marker by its deaths, relative to the most deaths a
  // marker in view stands for (at least 50, so a few deaths stay small);
  // a group of incidents is at least big enough for its count.
  function radius(c, most, max) {
    let r = 4 + (max - 4) * Math.sqrt(Math.max(0, c.fatalities || 0) / most);
    if (c.count > 1) r = Math.max(r, 8 + 1.5 * Math.log2(c.count));
    return Math.min(r, max);
  }

  let clustersShown = [];

  // The clusters drawn were asked for a box larger than the view (the
  // world when zoomed out), so a small move needs no new request.
  let clustersFor = null; // {key: filters and zoom, box}
  let clusterCell = 0;    // degrees of the grid the server grouped by

  // clusterRequest is the request of the clusters for the map's view:
  // the query, the key it is kept by, and the box it covers.
  function clusterRequest() {
    const p = filterParams();
    const zoom = map.getZoom();
    const key = p.toString() + '|' + zoom;
    const box = zoom <= 3 ? L.latLngBounds([-85, -180], [85, 180]) : clamp(map.getBounds().pad(0.25));
    p.set('bbox', bboxParam(box));
    p.set('zoom', String(zoom));
    return { p, key, box };
  }

  async function loadClusters(force) {
    const req = clusterRequest();
    if (!force && clustersFor && clustersFor.key === req.key && clustersFor.box.contains(clamp(map.getBounds()))) return;
    try {
      showClusters(req, await latest('clusters', () => api('/api/clusters', req.p)));
    } catch (e) { report('clusters', e); }
  }

  function showClusters(req, data) {
    clustersShown = data.clusters || [];
    clusterCell = data.cell || 0;
    renderClusters(clustersShown, req.p.toString(), data.cell);
    clustersFor = { key: req.key, box: req.box };
    mark('clusters');
    report('clusters', null);
  }

  // fitToRecord sets the map's first view to where the record is, from
  // the clusters of the whole world, before anything is drawn on it
  // (moving a map already drawn drew its countries again); the clusters
  // are drawn if the fit keeps them, else asked again for the new view.
  async function fitToRecord() {
    const req = clusterRequest();
    try {
      const data = await latest('clusters', () => api('/api/clusters', req.p));
      const cs = data.clusters || [];
      if (cs.length) {
        const b = L.latLngBounds(cs.map(c => [c.lat, c.lon]));
        map.fitBounds(b.pad(0.1), { maxZoom: 7, padding: [24, 24], animate: false });
      }
      if (clusterRequest().key === req.key) showClusters(req, data);
    } catch (e) { report('clusters', e); }
  }

  function renderClusters(list, q, cell) {
    clusterLayer.clearLayers();
    labelLayer.clearLayers();
    markersById.clear();
    const zoom = map.getZoom();
    const most = list.reduce((m, c) => Math.max(m, c.fatalities || 0), 50);
    // No wider than the grid cell the server grouped by, so neighbours
    // do not hide each other.
    const cellPx = cell > 0 ? 256 * Math.pow(2, zoom) * cell / 360 : 60;
    const maxR = Math.max(10, Math.min(28, cellPx * 0.55));
    // Draw the big ones first, so the small ones stay on top, clickable.
    list = list.slice().sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0) || b.count - a.count);
    for (const c of list) {
      const r = radius(c, most, maxR);
      const fresh = c.id && freshIDs.has(c.id);
      // Incidents known only by a region or a country are drawn at the
      // area's own point, dashed and paler: somewhere in it, not at a town.
      const m = L.circleMarker([c.lat, c.lon], {
        renderer: incRenderer,
        radius: r,
        color: c.area ? '#3d3d3d' : c.count > 1 ? '#3d3d3d' : '#ffffff',
        weight: c.area ? 2 : c.count > 1 ? 1.5 : 1,
        dashArray: c.area ? '4 3' : null,
        fillColor: typeColor(c.event_type),
        fillOpacity: c.area ? 0.35 : 0.72,
        className: 'incident-marker' + (c.count > 1 ? ' cluster' : '') + (c.area ? ' area' : '') + (fresh ? ' fresh' : ''),
      });
      m.bindTooltip(() => clusterTip(c), { direction: 'top', offset: [0, -r], opacity: 0.95 });
      m.on('click', () => clusterClick(c, zoom));
      m.on('keypress', ev => { if (ev.originalEvent.key === 'Enter') clusterClick(c, zoom); });
      m.addTo(clusterLayer);
      const path = m.getElement();
      if (path) {
        if (c.id) path.setAttribute('data-id', c.id);
        path.setAttribute('data-count', String(c.count));
      }
      if (c.id) markersById.set(c.id, m);
      if (c.count > 1) countBadge(c, r);
    }
    const me = $('map');
    me.dataset.query = q;
    me.dataset.markers = String(list.length);
    me.dataset.renders = String(+(me.dataset.renders || 0) + 1);
    markSelected();
    declutter();
  }

  // countBadge writes a group's count on a dark badge of its own, in the
  // labels pane above the control marks, at the circle's upper left: the
  // place a group sits on is often a town with a control mark at its
  // centre, so the count centred there was white on that mark's white
  // rim, and a badge there would hide who holds the town; to the left it
  // stays clear of the town's name, written to the right of its mark.
  function countBadge(c, r) {
    const label = el('span', { class: 'cluster-count', text: c.count > 999 ? Math.round(c.count / 1000) + 'k' : String(c.count) });
    const d = Math.round(r * 0.7);
    L.marker([c.lat, c.lon], {
      pane: 'labels', interactive: false, keyboard: false,
      icon: L.divIcon({ className: 'cluster-label', html: label, iconSize: [40, 16], iconAnchor: [32 + d, 8 + d] }),
    }).addTo(labelLayer);
  }

  function clusterTip(c) {
    const box = el('div', { class: 'tip' });
    if (c.count > 1) {
      box.append(el('strong', { text: plural(c.count, 'incident') }));
      box.append(el('div', { text: 'mostly ' + c.event_type }));
    } else {
      box.append(el('strong', { text: c.event_type }));
    }
    box.append(el('div', { text: plural(c.fatalities || 0, 'death') + ' reported' }));
    if (c.area) box.append(el('div', { text: 'somewhere in a region or country, not at this point' }));
    box.append(el('div', { class: 'tip-hint', text: c.count > 1 ? 'click to zoom in' : 'click for the reports' }));
    return box;
  }

  function clusterClick(c, zoom) {
    if (c.count === 1 && c.id) { select(c.id, false); return; }
    if (zoom >= 8 && !c.area) {
      // Close enough to a town that zooming further rarely splits a group:
      // filter to what lies within about a grid cell of it instead.
      const km = Math.max(1, Math.min(25, Math.round((clusterCell || 0.1) * 111 * 0.75)));
      state.f.near = c.lat.toFixed(4) + ',' + c.lon.toFixed(4);
      state.f.km = String(km);
      stateToForm();
      applyFilters();
      return;
    }
    map.setView([c.lat, c.lon], Math.min(zoom + 2, map.getMaxZoom()));
  }

  function markSelected() {
    selLayer.clearLayers();
    for (const [id, m] of markersById) {
      const e = m.getElement();
      if (e) e.classList.toggle('selected', id === state.sel);
    }
    if (state.sel && selected && selected.id === state.sel && selected.location) {
      const at = drawnAt(selected.location);
      L.circleMarker([at.lat, at.lon], {
        renderer: incRenderer, radius: 16, color: '#111', weight: 2.5, dashArray: '3 3',
        fill: false, interactive: false, className: 'selection-ring',
      }).addTo(selLayer);
    }
  }

  // ---- control layer ------------------------------------------------------

  let controlSpans = [], controlAsOf = '';

  async function loadControl() {
    if (!state.control || !state.date) {
      seqs.control = (seqs.control || 0) + 1;
      controlLayer.clearLayers();
      $('map').dataset.controlDate = '';
      return;
    }
    const p = new URLSearchParams({ as_of: state.date, brief: 'true' });
    if (state.f.country) p.set('country', state.f.country);
    const asOf = state.date;
    try {
      const data = await latest('control', () => api('/api/control', p));
      controlSpans = data.spans || [];
      controlAsOf = asOf;
      renderControl(controlSpans, asOf);
      report('control', null);
    } catch (e) { report('control', e); }
  }

  // MANY_PLACES is how many places the control layer draws anywhere; past
  // it, only those in view (and again after each move).
  const MANY_PLACES = 400;

  function renderControl(spans, asOf) {
    controlLayer.clearLayers();
    const view = spans.length > MANY_PLACES ? map.getBounds().pad(0.25) : null;
    for (const s of spans) {
      const pl = s.place || {};
      if (!Number.isFinite(pl.lat) || !Number.isFinite(pl.lon)) continue;
      if (view && !view.contains([pl.lat, pl.lon])) continue;
      const contested = s.status === 'contested';
      const box = el('span', { class: 'ctl-box' });
      box.style.setProperty('--c', sideColor(s.side));
      const node = el('span', {
        class: 'ctl side-' + (s.side || 'unknown') + (contested ? ' contested' : ''),
        'data-geonameid': pl.geonameid || 0,
        'data-name': pl.name || '',
        'data-side': s.side || '',
        'data-holder': s.holder || '',
        'data-status': s.status || '',
        'data-from': s.from || '',
      }, box, el('span', { class: 'ctl-name', text: pl.name || '', 'data-prio': (contested ? 1000 : 0) + (s.sources || 0) }));
      const m = L.marker([pl.lat, pl.lon], {
        pane: 'control',
        keyboard: false,
        icon: L.divIcon({ className: 'control-icon', html: node, iconSize: null, iconAnchor: [6, 6] }),
      });
      m.bindTooltip(() => controlTip(s), { direction: 'right', offset: [10, 0], opacity: 0.95 });
      m.on('click', () => showControl(s));
      m.addTo(controlLayer);
    }
    declutter();
    const me = $('map');
    me.dataset.controlDate = asOf;
    me.dataset.controlCount = String(spans.length);
  }

  // declutter hides the names of places that would overlap a group's
  // count (drawn above them) or a name of more weight (contested first,
  // then the better sourced).
  function declutter() {
    if (map.getZoom() < 6) return;
    const names = [...document.querySelectorAll('#map .control-icon .ctl-name')];
    for (const n of names) n.classList.remove('crowded');
    const boxes = names.map(n => ({ n, r: n.getBoundingClientRect(), prio: +n.dataset.prio || 0 }));
    boxes.sort((a, b) => b.prio - a.prio);
    const placed = [...document.querySelectorAll('#map .cluster-count')].map(e => e.getBoundingClientRect());
    for (const b of boxes) {
      const r = b.r;
      if (placed.some(p => r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top)) b.n.classList.add('crowded');
      else placed.push(r);
    }
  }

  function holderText(s) {
    const side = s.side ? sideName(s.side) : 'unknown side';
    return s.holder ? s.holder + ' (' + side + ')' : side;
  }
  function sideName(side) {
    const s = SIDES.find(x => x[0] === side);
    return s ? s[1].toLowerCase() : side.replace(/_/g, ' ');
  }

  function controlTip(s) {
    const pl = s.place || {};
    const box = el('div', { class: 'tip' }, el('strong', { text: pl.name || '' }));
    box.append(el('div', { text: (s.status === 'contested' ? 'contested; last held by ' : 'held by ') + holderText(s) }));
    if (s.status === 'contested' && s.contender) box.append(el('div', { text: 'claimed by ' + s.contender }));
    box.append(el('div', { text: spanDates(s) + ' · ' + plural(s.sources || 0, 'source') }));
    return box;
  }

  function spanDates(s) {
    if (s.from && s.to) return s.from + ' to ' + s.to;
    if (s.from) return 'since ' + s.from;
    if (s.to) return 'until ' + s.to;
    return 'as long as reported';
  }

  // ---- slider ---------------------------------------------------------

  let range = null; // {from, to} of the store
  let playing = 0;

  function setupSlider(r) {
    const s = $('slider');
    if (!r || !isDay(r.from) || !isDay(r.to)) {
      s.disabled = true;
      $('slider-range').textContent = 'no dated incidents yet';
      return;
    }
    const changed = !range || range.from !== r.from || range.to !== r.to;
    range = r;
    if (!changed) return;
    const days = Math.round((dayTs(r.to) - dayTs(r.from)) / DAY);
    s.min = '0';
    s.max = String(days);
    s.disabled = false;
    $('play').disabled = days === 0;
    $('slider-range').textContent = r.from + ' – ' + r.to;
    if (!state.date) state.date = r.to;
    syncSlider();
    listSoon();
  }

  function syncSlider() {
    if (!range) return;
    const v = Math.round((dayTs(state.date) - dayTs(range.from)) / DAY);
    $('slider').value = String(Math.max(0, Math.min(+$('slider').max, v)));
    $('slider-date').textContent = state.date;
    $('slider').setAttribute('aria-valuetext', state.date);
  }

  const controlSoon = debounce(loadControl, 120);

  function setDate(day) {
    if (!isDay(day) || day === state.date) return;
    state.date = day;
    syncSlider();
    writeURL();
    if (plot) plot.redraw(false);
    controlSoon();
    listSoon();
  }

  function onSlider() {
    if (!range) return;
    setDate(tsDay(dayTs(range.from) + +$('slider').value * DAY));
  }

  function togglePlay() {
    if (playing) { stopPlay(); return; }
    if (!range) return;
    if (state.date >= range.to) setDate(range.from);
    $('play').textContent = '❚❚';
    $('play').setAttribute('aria-label', 'Pause');
    playing = setInterval(() => {
      if (state.date >= range.to) { stopPlay(); return; }
      setDate(tsDay(dayTs(state.date) + DAY));
    }, 700);
  }
  function stopPlay() {
    clearInterval(playing);
    playing = 0;
    $('play').textContent = '▶';
    $('play').setAttribute('aria-label', 'Play through the days');
  }

  // ---- stats and chart ------------------------------------------------

  let plot = null;
  let dragged = false; // a drag on the chart just chose dates: not a click

  async function loadStats() {
    try {
      const data = await latest('stats', () => api('/api/stats', filterParams()));
      setupSlider(data.range);
      renderSummary(data);
      renderChart(data.days || []);
      fillCountries(data.countries || []);
      mark('chart');
      report('stats', null);
    } catch (e) { report('stats', e); }
  }

  function renderSummary(d) {
    let inc = 0, fat = 0;
    for (const x of d.days || []) { inc += x.incidents || 0; fat += x.fatalities || 0; }
    const t = d.totals || {};
    const box = $('summary');
    box.textContent = '';
    const filtered = FILTERS.some(k => state.f[k]);
    box.append(el('p', { class: 'summary-main' },
      el('strong', { id: 'sum-incidents', text: plural(inc, 'incident') }), ' · ',
      el('strong', { id: 'sum-fatalities', text: plural(fat, 'death') }), ' reported',
      filtered ? ' (filtered)' : ''));
    box.append(el('p', { class: 'summary-store', text: 'Record: ' + plural(t.articles || 0, 'article') + ', ' +
      plural(t.events || 0, 'event') + ', ' + plural(t.places || 0, 'place') }));
  }

  // fillCountries offers the countries of the record as the country
  // filter's suggestions; a filtered view lists only some, so it only
  // fills an empty list.
  function fillCountries(cs) {
    const dl = $('countries');
    if (FILTERS.some(k => state.f[k]) && dl.childElementCount) return;
    dl.textContent = '';
    for (const c of cs) if (c.country) dl.append(el('option', { value: c.country }));
  }

  function chartData(days) {
    const by = new Map(days.map(d => [d.date, d]));
    let from = days.length ? days[0].date : '', to = days.length ? days[days.length - 1].date : '';
    for (const d of days) { if (d.date < from) from = d.date; if (d.date > to) to = d.date; }
    if (isDay(state.f.since) && (!from || state.f.since < from) && (!to || dayTs(to) - dayTs(state.f.since) < 3660 * DAY)) from = state.f.since;
    if (isDay(state.f.until) && (!to || state.f.until > to) && (!from || dayTs(state.f.until) - dayTs(from) < 3660 * DAY)) to = state.f.until;
    if (!from && range) { from = range.from; to = range.to; }
    const xs = [], inc = [], fat = [];
    if (!from) {
      // Nothing to plot: one empty day keeps the axes sane.
      from = to = new Date().toISOString().slice(0, 10);
    }
    if (!to || to < from) to = from;
    for (let t = dayTs(from); t <= dayTs(to); t += DAY) {
      const d = by.get(tsDay(t));
      xs.push(t);
      inc.push(d ? d.incidents : 0);
      fat.push(d ? d.fatalities : 0);
    }
    return [xs, inc, fat];
  }

  function renderChart(days) {
    const data = chartData(days);
    const box = $('chart');
    box.dataset.days = String(days.length);
    box.dataset.incidents = String(data[1].reduce((a, b) => a + b, 0));
    box.dataset.fatalities = String(data[2].reduce((a, b) => a + b, 0));
    if (plot) { plot.setData(data); return; }
    plot = new uPlot(chartOptions(box), data, box);
    // An observer is called once at the start too: a size the chart has
    // already would only draw it again.
    new ResizeObserver(() => {
      const width = box.clientWidth, height = chartHeight(box);
      if (plot && width > 0 && (width !== plot.width || height !== plot.height)) plot.setSize({ width, height });
    }).observe(box);
  }

  function chartHeight(box) { return Math.max(90, box.clientHeight - 28); }

  // WHOLE are the steps of an axis that counts: no half incidents.
  const WHOLE = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 25000, 50000, 100000, 250000, 500000, 1000000];

  function chartOptions(box) {
    // Bars while a day is wide enough to see one; a filled line beyond.
    const bars = uPlot.paths.bars({ size: [0.8, 24], gap: 1 });
    const line = uPlot.paths.stepped({ align: 1 });
    const incidentPaths = (u, si, i0, i1) => (u.bbox.width / Math.max(1, i1 - i0) >= 3 ? bars : line)(u, si, i0, i1);
    return {
      width: Math.max(200, box.clientWidth),
      height: chartHeight(box),
      tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      select: { show: true },
      legend: { live: true },
      scales: {
        x: { time: true, range: (u, min, max) => min === max ? [min - DAY, max + DAY] : [min - DAY / 2, max + DAY / 2] },
        n: { range: (u, min, max) => [0, Math.max(1, max)] },
        f: { range: (u, min, max) => [0, Math.max(1, max)] },
      },
      series: [
        { label: 'Day', value: (u, v) => v == null ? '–' : tsDay(v) },
        { label: 'Incidents', scale: 'n', stroke: '#5b6770', fill: 'rgba(91,103,112,0.35)', width: 1, paths: incidentPaths, points: { show: false } },
        { label: 'Deaths', scale: 'f', stroke: '#c0392b', width: 1.5, points: { show: (u, si, i0, i1) => i1 - i0 < 60, size: 4 } },
      ],
      axes: [
        { stroke: '#555', grid: { stroke: '#eee' }, ticks: { stroke: '#ddd' } },
        { scale: 'n', stroke: '#5b6770', grid: { stroke: '#eee' }, ticks: { show: false }, size: 40, incrs: WHOLE },
        { scale: 'f', side: 1, stroke: '#c0392b', grid: { show: false }, ticks: { show: false }, size: 44, incrs: WHOLE },
      ],
      hooks: {
        // data-draws counts the chart's draws (a test checks the first
        // render draws it once).
        draw: [drawDateMark, () => { box.dataset.draws = String(+(box.dataset.draws || 0) + 1); }],
        setSelect: [u => {
          if (u.select.width < 3) return;
          dragged = true;
          setTimeout(() => { dragged = false; }, 0);
          const a = tsDay(Math.ceil(u.posToVal(u.select.left, 'x') / DAY - 0.5) * DAY);
          const b = tsDay(Math.floor(u.posToVal(u.select.left + u.select.width, 'x') / DAY + 0.5) * DAY);
          u.setSelect({ width: 0, height: 0 }, false);
          $('f-since').value = a;
          $('f-until').value = b > a ? b : a;
          applyFilters();
        }],
        ready: [u => {
          u.over.addEventListener('click', () => {
            if (dragged || u.cursor.left == null || u.cursor.left < 0) return;
            const t = Math.round(u.posToVal(u.cursor.left, 'x') / DAY) * DAY;
            if (range) setDate(tsDay(Math.max(dayTs(range.from), Math.min(dayTs(range.to), t))));
          });
        }],
      },
    };
  }

  function drawDateMark(u) {
    if (!state.date) return;
    const x = u.valToPos(dayTs(state.date), 'x', true);
    if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = '#1f4e8c';
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(Math.round(x), u.bbox.top);
    ctx.lineTo(Math.round(x), u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.restore();
  }

  // ---- incident list --------------------------------------------------

  let nextOffset = null;
  let listed = 0;
  let listedFor = null;  // the request (less its paging) the list shows
  let listedView = null; // its view and day (listView)

  // listView says what the list shows besides the filters: what the map
  // shows (its view, unless it spans every longitude, where a box would
  // only drop incidents with no place) up to the slider's day, the day
  // the control marks stand for, so the list's top is the latest news
  // behind them. At the record's last day it is no limit, so incidents
  // arriving live are listed.
  function listView() {
    const v = { bbox: '', until: '' };
    const b = clamp(map.getBounds());
    if (b.getEast() - b.getWest() < 360) v.bbox = bboxParam(b);
    if (range && isDay(state.date) && state.date < range.to) {
      v.until = isDay(state.f.until) && state.f.until < state.date ? state.f.until : state.date;
    }
    return v;
  }

  function listParams(v) {
    const p = filterParams();
    if (v.bbox) p.set('bbox', v.bbox);
    if (v.until) p.set('until', v.until);
    return p;
  }

  // listSoon follows the map and the slider: a pan, a zoom or a dragged
  // slider asks once it rests, and only when the request changed.
  // A request already on its way is not asked again: the slider's first
  // setting would otherwise ask for the list the start asked for, and
  // the first answer would be thrown away.
  const listSoon = debounce(() => {
    const r = listParams(listView()).toString();
    if (r !== listedFor && r !== listingFor) loadList(true);
  }, 250);
  let listingFor = null; // the request of the list on its way

  // loadList asks for the list's first page (reset) or, for More, the
  // next page of the request shown, whatever the view has become since.
  async function loadList(reset, keep) {
    const v = reset || !listedFor ? listView() : listedView;
    const p = listParams(v);
    const request = p.toString();
    listingFor = request;
    p.set('order', 'newest');
    p.set('limit', String(keep ? Math.min(1000, Math.max(PAGE, listed)) : PAGE));
    p.set('offset', String(reset ? 0 : nextOffset || 0));
    $('more').disabled = true;
    try {
      const data = await latest('list', () => api('/api/incidents', p));
      const ol = $('incident-list');
      if (reset) { ol.textContent = ''; listed = 0; }
      for (const inc of data.incidents || []) ol.append(listItem(inc));
      listed += (data.incidents || []).length;
      nextOffset = data.next_offset == null ? null : data.next_offset;
      $('more').hidden = nextOffset == null;
      $('list-empty').hidden = listed > 0;
      listTitle(v);
      listedFor = request;
      listedView = v;
      ol.dataset.loaded = String(listed);
      ol.dataset.query = filterParams().toString();
      ol.dataset.request = request;
      mark('list');
      report('list', null);
    } catch (e) { report('list', e); }
    if (listingFor === request) listingFor = null;
    $('more').disabled = false;
  }

  function listTitle(v) {
    $('list-title').textContent = 'Incidents' + (v.bbox ? ' in view' : '') +
      (v.until ? ' up to ' + v.until : '') + ', newest first';
  }

  // ---- tolls: figures over a period, beside the incidents, never summed
  // into them ----------------------------------------------------------------

  async function loadTolls() {
    const p = new URLSearchParams();
    for (const k of ['since', 'until', 'country', 'q', 'near', 'km']) if (state.f[k]) p.set(k, state.f[k]);
    p.set('kind', 'toll');
    p.set('certainty', 'reported');
    p.set('order', 'newest');
    p.set('limit', '20');
    try {
      const data = await latest('tolls', () => api('/api/events', p));
      const ol = $('toll-list');
      ol.textContent = '';
      for (const t of data.events || []) ol.append(tollItem(t));
      $('tolls-area').hidden = ol.childElementCount === 0;
      ol.dataset.loaded = String(ol.childElementCount);
      report('tolls', null);
    } catch (e) { report('tolls', e); }
  }

  function tollItem(t) {
    const figs = [];
    if (t.fatalities != null) figs.push(plural(t.fatalities, 'death'));
    if (t.displaced != null) figs.push(t.displaced.toLocaleString('en') + ' displaced');
    const meta = [placeText(t.location), 'as of ' + (t.date || (t.article && t.article.published) || 'undated')];
    if (t.attribution) meta.push('per ' + t.attribution);
    return el('li', { class: 'toll-item', title: t.sentence || '' },
      el('span', { class: 'ti-figure', text: figs.join(', ') }), ' ',
      el('span', { class: 'ti-period', text: t.period || '' }),
      el('span', { class: 'ti-meta', text: meta.join(' · ') }));
  }

  function placeText(loc) {
    if (!loc) return 'place unknown';
    const parts = [loc.name];
    if (loc.country && loc.country !== loc.name) parts.push(loc.country);
    return (inArea(loc) ? 'somewhere in ' : '') + parts.filter(Boolean).join(', ');
  }

  // inArea says a location is a region or a country: what happened there
  // happened somewhere in it, and is drawn at the area's own point
  // (location.area), not at its seat (lat, lon: a capital, where ACLED
  // codes it). Records stored before areas were kept have no area: they
  // stay at the seat.
  function inArea(loc) {
    return !!loc && (loc.precision === 'region' || loc.precision === 'country');
  }

  function drawnAt(loc) {
    return loc.area || loc;
  }

  function tollText(inc) {
    if (inc.fatalities == null) return '';
    return plural(inc.fatalities, 'death');
  }

  function listItem(inc) {
    const meta = [inc.date || 'undated'];
    const toll = tollText(inc);
    if (toll) meta.push(toll);
    meta.push(plural(inc.sources || 0, 'source'));
    const b = el('button', {
      type: 'button',
      class: 'incident-item' + (inc.id === state.sel ? ' selected' : '') + (freshIDs.has(inc.id) ? ' fresh' : ''),
      'data-id': inc.id,
      'data-type': inc.event_type || '',
    },
    el('span', { class: 'dot', style: { background: typeColor(inc.event_type) } }),
    el('span', { class: 'ii-main' },
      el('span', { class: 'ii-type', text: inc.sub_event_type || inc.event_type || '' }),
      el('span', { class: 'ii-place', text: placeText(inc.location) })),
    el('span', { class: 'ii-meta', text: meta.join(' · ') }));
    b.addEventListener('click', () => select(inc.id, true));
    return el('li', null, b);
  }

  // ---- detail ----------------------------------------------------------

  let selected = null;

  async function select(id, fromList) {
    state.sel = id;
    writeURL();
    for (const b of document.querySelectorAll('#incident-list .incident-item')) {
      b.classList.toggle('selected', b.dataset.id === id);
      if (b.dataset.id === id && !fromList) b.scrollIntoView({ block: 'nearest' });
    }
    const d = $('detail');
    d.hidden = false;
    d.dataset.id = id;
    d.dataset.loaded = '';
    try {
      const inc = await latest('detail', () => api('/api/incidents/' + encodeURIComponent(id)));
      selected = inc;
      renderIncident(inc);
      report('detail', null);
      if (fromList && inc.location) {
        const at = drawnAt(inc.location);
        const ll = L.latLng(at.lat, at.lon);
        if (!map.getBounds().pad(-0.1).contains(ll)) map.panTo(ll);
      }
    } catch (e) {
      if (e instanceof StaleError) return;
      selected = null;
      d.textContent = '';
      d.append(detailHead('Incident ' + id, null),
        el('p', { class: 'detail-missing', text: e.status === 404
          ? 'This incident is no longer in the record: it may have merged with another as more reports came in.'
          : 'Could not load this incident: ' + e.message }));
      d.dataset.loaded = 'error';
    }
    markSelected();
  }

  function closeDetail() {
    state.sel = '';
    selected = null;
    seqs.detail = (seqs.detail || 0) + 1;
    writeURL();
    $('detail').hidden = true;
    $('detail').textContent = '';
    for (const b of document.querySelectorAll('#incident-list .incident-item.selected')) b.classList.remove('selected');
    markSelected();
  }

  function detailHead(title, color) {
    const close = el('button', { type: 'button', id: 'detail-close', class: 'close', 'aria-label': 'Close', title: 'Close', text: '×' });
    close.addEventListener('click', closeDetail);
    return el('div', { class: 'detail-head' },
      color ? el('span', { class: 'dot big', style: { background: color } }) : null,
      el('h2', { id: 'detail-title', text: title }), close);
  }

  function fact(dl, term, ...value) {
    dl.append(el('dt', { text: term }), el('dd', null, ...value));
  }

  function actorText(a) {
    if (!a || !a.name) return null;
    return a.side ? a.name + ' (' + a.side.replace(/_/g, ' ') + ')' : a.name;
  }

  function renderIncident(inc) {
    const d = $('detail');
    d.textContent = '';
    d.append(detailHead(inc.sub_event_type || inc.event_type || 'Incident', typeColor(inc.event_type)));
    d.append(el('p', { class: 'detail-type', text: inc.event_type || '' }));
    const dl = el('dl', { class: 'facts' });
    let date = inc.date || 'unknown';
    if (inc.date_precision && inc.date_precision !== 'day') date += ' (' + inc.date_precision + ')';
    if (inc.date_from && inc.date_to && inc.date_from !== inc.date_to) date += '; reports span ' + inc.date_from + ' to ' + inc.date_to;
    fact(dl, 'Date', el('span', { id: 'detail-date', text: date }));
    const loc = inc.location;
    if (loc) {
      let where = [loc.name, loc.admin1, loc.country].filter((v, i, a) => v && a.indexOf(v) === i).join(', ');
      if (inArea(loc)) where = 'somewhere in ' + where;
      const at = drawnAt(loc);
      const zoom = el('button', { type: 'button', class: 'link', text: 'show on map' });
      zoom.addEventListener('click', () => map.setView([at.lat, at.lon], Math.max(map.getZoom(), inArea(loc) ? 6 : 9)));
      fact(dl, 'Place', el('span', { id: 'detail-place', text: where + (loc.precision && loc.precision !== 'town' ? ' (' + loc.precision + ')' : '') }), ' ', zoom);
    } else {
      fact(dl, 'Place', 'unknown');
    }
    const a1 = actorText(inc.actor1), a2 = actorText(inc.actor2);
    if (a1 || a2) {
      fact(dl, 'Actors', el('span', { id: 'detail-actors', text: [a1 || 'unnamed', a2].filter(Boolean).join(' against ') }));
    }
    let toll = inc.fatalities == null ? 'not reported' : String(inc.fatalities);
    if (inc.fatalities_min != null && inc.fatalities_max != null && inc.fatalities_min !== inc.fatalities_max) {
      toll += ' (reports say ' + inc.fatalities_min + ' to ' + inc.fatalities_max + ')';
    }
    fact(dl, 'Deaths', el('span', { id: 'detail-toll', text: toll }));
    if (inc.displaced != null) fact(dl, 'Displaced', String(inc.displaced));
    fact(dl, 'Sources', plural(inc.sources || 0, 'article'));
    d.append(dl);
    d.append(el('h3', { text: 'What the reports say' }));
    const ol = el('ol', { class: 'reports' });
    for (const r of inc.reports || []) {
      const meta = [r.sub_event_type, r.date];
      if (r.fatalities != null) meta.push(plural(r.fatalities, 'death'));
      if (r.attribution) meta.push('according to ' + r.attribution);
      ol.append(sourceItem(r, meta, 'report'));
    }
    d.append(ol);
    d.dataset.loaded = inc.id;
    d.scrollTop = 0;
  }

  // showControl shows a place's control as of the slider's day, then its
  // whole history with the evidence of each span and the incidents
  // nearby, from /api/places.
  async function showControl(s) {
    const d = $('detail');
    state.sel = '';
    selected = null;
    writeURL();
    markSelected();
    for (const b of document.querySelectorAll('#incident-list .incident-item.selected')) b.classList.remove('selected');
    d.hidden = false;
    d.textContent = '';
    d.dataset.id = '';
    d.dataset.loaded = '';
    const pl = s.place || {};
    d.append(detailHead(pl.name || 'Place', null));
    d.append(el('p', { class: 'detail-type', text: 'Control as of ' + state.date }));
    const dl = el('dl', { class: 'facts' });
    fact(dl, s.status === 'contested' ? 'Last held by' : 'Held by', el('span', { id: 'detail-holder', text: holderText(s) }));
    if (s.status === 'contested') fact(dl, 'Status', 'contested' + (s.contender ? ', claimed by ' + s.contender : ''));
    fact(dl, 'When', spanDates(s));
    const where = [pl.admin1, pl.country].filter(Boolean).join(', ');
    if (where) fact(dl, 'Where', where);
    fact(dl, 'Sources', plural(s.sources || 0, 'report'));
    d.append(dl);
    const more = el('div', { class: 'place-more' }, el('p', { class: 'muted', text: 'Loading the history of this place…' }));
    d.append(more);
    d.scrollTop = 0;

    const key = pl.geonameid ? String(pl.geonameid) : pl.name || '';
    let data;
    try {
      data = await latest('detail', () => api('/api/places/' + encodeURIComponent(key), new URLSearchParams({ limit: '10' })));
    } catch (e) {
      if (e instanceof StaleError) return;
      more.textContent = '';
      more.append(el('p', { class: 'muted', text: 'Could not load the history: ' + e.message }));
      d.dataset.loaded = 'control';
      return;
    }
    more.textContent = '';
    // A name may stand for several places: keep this one's spans.
    const spans = (data.control || []).filter(x => x.place && (pl.geonameid ? x.place.geonameid === pl.geonameid
      : Math.abs(x.place.lat - pl.lat) < 1e-6 && Math.abs(x.place.lon - pl.lon) < 1e-6));
    more.append(el('h3', { text: 'Who held it' }));
    const hist = el('ol', { class: 'history' });
    for (const x of spans) {
      const now = x.from === s.from && x.side === s.side && x.holder === s.holder;
      const li = el('li', { class: 'span' + (now ? ' current' : '') });
      const box = el('span', { class: 'ctl-box' });
      box.style.setProperty('--c', sideColor(x.side));
      li.append(el('div', { class: 'span-head' },
        el('span', { class: 'ctl' + (x.status === 'contested' ? ' contested' : '') }, box),
        el('strong', { text: holderText(x) }),
        el('span', { class: 'muted', text: ' ' + spanDates(x) + (x.status === 'contested' ? ' · contested' : '') })));
      const ol = el('ol', { class: 'reports' });
      for (const ev of x.evidence || []) {
        const meta = [ev.sub_event_type, ev.date, ev.actor ? ev.actor + (ev.side ? ' (' + ev.side.replace(/_/g, ' ') + ')' : '') : ''];
        if (ev.certainty && ev.certainty !== 'reported') meta.push(ev.certainty);
        ol.append(sourceItem(ev, meta, 'evidence'));
      }
      li.append(ol);
      hist.append(li);
    }
    more.append(hist);
    const incs = data.incidents || [];
    if (incs.length) {
      more.append(el('h3', { text: 'Incidents within ' + (data.km || 10) + ' km, newest first' }));
      const ol = el('ol', { class: 'nearby' });
      for (const inc of incs) ol.append(listItem(inc));
      more.append(ol);
    }
    d.dataset.loaded = 'control';
  }

  // sourceItem shows one report: its article's title (a link when the
  // URL is http or https), outlet and date, and its sentence marked in a
  // snippet of the article.
  function sourceItem(r, meta, kind) {
    const art = r.article || {};
    const title = art.title || art.source || 'Untitled article';
    const head = el('div', { class: 'report-head' });
    head.append(httpLink(art.url, title) || el('span', { text: title }));
    head.firstChild.classList.add('report-title');
    const by = [art.source, art.published].filter(Boolean).join(', ');
    if (by) head.append(el('span', { class: 'report-source', text: by }));
    const snippet = el('p', { class: 'report-snippet' }, el('mark', { class: 'report-sentence', text: r.sentence || '' }));
    const whole = el('button', { type: 'button', class: 'link report-whole', text: 'whole article', hidden: true });
    const li = el('li', { class: kind, 'data-event-id': r.event_id || '' }, head,
      el('div', { class: 'report-meta', text: meta.filter(Boolean).join(' · ') }), snippet, whole);
    if (art.id) {
      let full = false;
      whole.addEventListener('click', () => {
        full = !full;
        whole.textContent = full ? 'less' : 'whole article';
        fillSnippet(snippet, art.id, r, full);
      });
      fillSnippet(snippet, art.id, r, false).then(ok => { whole.hidden = !ok; });
    }
    return li;
  }

  const articles = new Map();
  function article(id) {
    if (!articles.has(id)) {
      const p = api('/api/articles/' + encodeURIComponent(id)).then(a => {
        a.bytes = new TextEncoder().encode(a.text || '');
        return a;
      });
      p.catch(() => articles.delete(id));
      articles.set(id, p);
    }
    return articles.get(id);
  }

  const utf8 = new TextDecoder('utf-8');

  // fillSnippet puts the report's sentence in the context of its article.
  // The span is a range of UTF-8 bytes, so the text is cut as bytes and
  // each cut moved to the start of a character.
  async function fillSnippet(p, id, r, full) {
    let a;
    try { a = await article(id); } catch (e) { p.dataset.state = 'no-article'; return false; }
    const b = a.bytes;
    const [s, e] = r.span || [0, 0];
    if (!(Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s < e && e <= b.length)) {
      p.dataset.state = 'bad-span';
      return false;
    }
    let lo = full ? 0 : Math.max(0, s - SNIPPET_BYTES);
    let hi = full ? b.length : Math.min(b.length, e + SNIPPET_BYTES);
    while (lo < s && (b[lo] & 0xc0) === 0x80) lo++;
    while (hi > e && hi < b.length && (b[hi] & 0xc0) === 0x80) hi--;
    let before = utf8.decode(b.subarray(lo, s));
    let after = utf8.decode(b.subarray(e, hi));
    // Start and end on whole words.
    if (lo > 0) before = '… ' + before.replace(/^\S*\s+/, '');
    if (hi < b.length) after = after.replace(/\s+\S*$/, '') + ' …';
    p.textContent = '';
    p.append(before, el('mark', { class: 'report-sentence', text: utf8.decode(b.subarray(s, e)) }), after);
    p.dataset.state = full ? 'full' : 'snippet';
    p.classList.toggle('full', full);
    return lo > 0 || hi < b.length || full;
  }

  // ---- live updates -----------------------------------------------------

  const freshIDs = new Map(); // incident id -> time it arrived
  let newCount = 0;

  const refreshSoon = debounce(() => {
    loadClusters(true);
    loadStats();
    loadList(true, true);
    loadTolls();
    if (state.sel && freshIDs.has(state.sel)) select(state.sel, false);
  }, 800);
  const controlRefreshSoon = debounce(loadControl, 800);

  function startLive() {
    if (!window.EventSource) { setLive('off', 'no live updates'); return; }
    connectLive();
    setInterval(() => {
      const old = Date.now() - 60000;
      for (const [id, t] of freshIDs) if (t < old) freshIDs.delete(id);
    }, 10000);
  }

  function connectLive() {
    // An EventSource sends no headers: the token goes in the query.
    const es = new EventSource('/api/stream' + (token ? '?token=' + encodeURIComponent(token) : ''));
    es.addEventListener('open', () => setLive('on', 'live'));
    es.addEventListener('error', () => {
      if (es.readyState !== EventSource.CLOSED) { setLive('off', 'reconnecting'); return; }
      // The server refused to resume (too far behind, or too many
      // streams open): reload what the page shows, and open a new
      // stream from now a little later, pages apart from each other.
      setLive('off', 'offline');
      setTimeout(() => { refreshSoon(); controlRefreshSoon(); connectLive(); }, 15000 + Math.random() * 15000);
    });
    es.addEventListener('incident', ev => {
      let inc;
      try { inc = JSON.parse(ev.data); } catch (e) { return; }
      if (!inc || !inc.id) return;
      freshIDs.set(inc.id, Date.now());
      newCount++;
      const c = $('live-count');
      c.hidden = false;
      c.textContent = plural(newCount, 'new incident');
      refreshSoon();
    });
    es.addEventListener('control', () => controlRefreshSoon());
  }

  function setLive(cls, text) {
    $('live').className = 'live-' + cls;
    $('live-status').textContent = text;
  }

  // ---- legend -----------------------------------------------------------

  function renderLegend() {
    // On a short screen the legend starts folded, to leave the map free.
    if ($('map-area').clientHeight < 460) $('legend').open = false;
    const ul = $('legend-types');
    for (const t of EVENT_TYPES) {
      const li = el('li', null, el('span', { class: 'dot', style: { background: TYPE_COLORS[t] } }), t);
      li.title = 'Show only ' + t.toLowerCase();
      li.addEventListener('click', () => { $('f-type').value = state.f.type === t ? '' : t; applyFilters(); });
      ul.append(li);
    }
    const us = $('legend-sides');
    for (const [side, name, color] of SIDES) {
      const box = el('span', { class: 'ctl-box' });
      box.style.setProperty('--c', color);
      us.append(el('li', { class: 'ctl' }, box, name));
    }
    const box = el('span', { class: 'ctl-box' });
    box.style.setProperty('--c', '#666');
    us.append(el('li', { class: 'ctl contested' }, box, 'Contested'));
  }

  // ---- start --------------------------------------------------------------

  async function start() {
    readURL();
    // What needs no map is asked first: the server answers while the map
    // is set up.
    const atlas = fetch('vendor/world-atlas/countries-110m.json').then(res => res.json());
    const tx = api('/api/taxonomy').then(fillTypes).catch(e => report('taxonomy', e));
    const stats = loadStats(), tolls = loadTolls();
    initMap();
    renderLegend();
    stateToForm();

    const slider = el('button', { type: 'button', id: 'play', 'aria-label': 'Play through the days', title: 'Play through the days', text: '▶', disabled: true });
    $('slider').before(slider);
    slider.addEventListener('click', togglePlay);
    $('slider').addEventListener('input', () => { stopPlay(); onSlider(); });
    $('control-toggle').checked = state.control;
    $('control-toggle').addEventListener('change', () => {
      state.control = $('control-toggle').checked;
      writeURL();
      loadControl();
    });
    $('filters').addEventListener('submit', ev => { ev.preventDefault(); applyFilters(); });
    for (const id of ['f-since', 'f-until', 'f-type']) $(id).addEventListener('change', applyFilters);
    $('f-reset').addEventListener('click', () => {
      state.f = {};
      stateToForm();
      applyFilters();
    });
    $('more').addEventListener('click', () => loadList(false));
    $('live-count').addEventListener('click', () => {
      newCount = 0;
      $('live-count').hidden = true;
      $('list-area').scrollTop = 0;
    });
    document.addEventListener('keydown', ev => {
      if (ev.key === 'Escape' && !$('detail').hidden) closeDetail();
    });

    // Without a view in the address, the map is fitted to where the
    // record is before it is drawn.
    const placed = state.view ? null : fitToRecord();
    // The list follows the map's view: it is asked for the first view at
    // once, beside the rest, and again below only if fitting the map
    // changed its request (a record spread over the world keeps it).
    // The map is not drawn before its land is.
    const first = [loadCountries(atlas, placed), tx, stats, tolls, loadList(true)];
    if (state.sel) select(state.sel, false);

    if (placed) {
      await placed;
      const r = listParams(listView()).toString();
      if (r !== listedFor && r !== listingFor) first.push(loadList(true));
    }
    zoomClasses();
    if (map.getZoom() >= 5) loadFineCountries();
    map.on('moveend', () => {
      writeURL();
      loadClusters();
      listSoon();
      if (controlSpans.length > MANY_PLACES && state.control) renderControl(controlSpans, controlAsOf);
      else declutter();
    });
    first.push(loadClusters());
    await Promise.all(first);
    performance.mark('sitrep-ready');
    document.body.dataset.ready = '1';
    // The address and the live stream are no part of what is drawn (the
    // address's first rewrite took 5-10 ms).
    writeURL();
    startLive();
    // The control layer comes after the first render: drawing hundreds
    // of places' marks held the page's one thread for a fifth of a
    // second while the map, the chart and the list waited.
    loadControl();
  }

  window.addEventListener('DOMContentLoaded', start);
})();
