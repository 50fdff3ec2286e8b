/* systemsmap interactive map: a Canvas 2D view of a stakeholder network, with no library and no network access.
 *
 * The data arrive as JSON in <script type="application/json" id="sm-data"> (written by
 * systemsmap.plot.interactive). Every text from the data reaches the page through textContent or the
 * canvas's fillText, never as markup. The current view (focused actor, search, overlays, hidden groups,
 * relations and waves, pan and zoom) is kept in the address's #fragment, so a view can be sent or presented.
 * window.systemsmapMap exposes the state and what the last frame drew, for tests and for the notebook.
 */
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("sm-data").textContent);
  const N = D.nodes.id.length;
  const X = Float64Array.from(D.nodes.x), Y = Float64Array.from(D.nodes.y), R = Float64Array.from(D.nodes.r);
  const GROUP = Int32Array.from(D.nodes.group);
  const ES = Int32Array.from(D.edges.s), ET = Int32Array.from(D.edges.t), M = ES.length;
  const EREL = Int32Array.from(D.edges.rel), EW = Float64Array.from(D.edges.w);
  const EWAVE = D.edges.waves ? Float64Array.from(D.edges.waves) : null;
  const EKIND = D.edges.kinds ? Int32Array.from(D.edges.kinds) : null;
  const NWAVE = D.nodes.waves ? Float64Array.from(D.nodes.waves) : null;
  const OV = D.overlays || {};
  const LABELS = D.nodes.label.map(String);
  const SEARCH_TEXT = LABELS.map((l, i) => (l + "\u0000" + D.nodes.id[i]).toLowerCase());
  const COLORS = D.groups.map(g => g.color);
  const FADED = 0.13;

  // ------------------------------------------------------------------ neighbours
  const nbrStart = new Int32Array(N + 1), nbrList = new Int32Array(2 * M), nbrEdge = new Int32Array(2 * M);
  (function () {
    for (let j = 0; j < M; j++) { nbrStart[ES[j] + 1]++; nbrStart[ET[j] + 1]++; }
    for (let i = 0; i < N; i++) nbrStart[i + 1] += nbrStart[i];
    const fill = nbrStart.slice(0, N);
    for (let j = 0; j < M; j++) {
      nbrList[fill[ES[j]]] = ET[j]; nbrEdge[fill[ES[j]]++] = j;
      nbrList[fill[ET[j]]] = ES[j]; nbrEdge[fill[ET[j]]++] = j;
    }
  })();
  const idIndex = new Map(D.nodes.id.map((id, i) => [String(id), i]));

  // ------------------------------------------------------------------ state
  const overlayNames = ["areas"].concat(["recommended", "voice", "spof", "evidence", "change"].filter(k => OV[k]));
  const state = {
    focus: -1, tie: -1, query: "",
    on: new Set(D.areas ? ["areas"] : []),
    hide: { group: new Set(), role: new Set(), relation: new Set(), wave: new Set(), kind: new Set() },
    view: null,   // [cx, cy, zoom] in layout units; null: fit the map
  };
  const dims = { group: D.groups.map(g => g.name), role: D.roles || [], relation: D.relations, wave: D.waves || [],
    kind: OV.evidence ? OV.evidence.kinds.map(k => k.name) : [] };

  // ------------------------------------------------------------------ DOM (text only, never markup)
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  const app = el("div"); app.id = "sm-app"; app.classList.add("sm-no-panel");
  const top = el("div", "sm-top"), controls = el("aside", "sm-controls"), stage = el("div", "sm-stage");
  const panel = el("aside", "sm-panel");
  app.append(top, controls, stage, panel);
  document.body.appendChild(app);
  if (D.title) top.appendChild(el("h1", null, D.title));
  const searchBox = el("div", "sm-search"), search = el("input"), results = el("div", "sm-results");
  search.type = "search"; search.placeholder = "Find an actor by name"; search.setAttribute("aria-label", "Find an actor");
  searchBox.append(search, results);
  const buttons = el("div", "sm-buttons");
  const fitBtn = el("button", "sm-btn", "Fit"), clearBtn = el("button", "sm-btn", "Clear"),
    linkBtn = el("button", "sm-btn", "Link to this view");
  fitBtn.title = "Show the whole map"; clearBtn.title = "Clear the focus and the search";
  buttons.append(fitBtn, clearBtn, linkBtn);
  const status = el("div", "sm-status");
  top.append(searchBox, buttons, status);
  const canvas = el("canvas"), tip = el("div", "sm-tip");
  const help = el("div", "sm-help", "Drag to pan · scroll to zoom · click an actor to focus · Esc to clear");
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", "Network map of " + N + " actors");
  stage.append(canvas, tip, help);
  const ctx = canvas.getContext("2d");

  // ------------------------------------------------------------------ controls: legend = filters, in one order
  const checks = { group: [], role: [], relation: [], wave: [], kind: [], overlay: new Map() };
  function section(title, kind, names, before, after) {
    if (!names.length) return;
    const h = el("h2", null, title);
    if (names.length > 1) {
      const all = el("button", "sm-all", "all");
      all.title = "Show every " + kind;
      all.addEventListener("click", () => { state.hide[kind].clear(); changed(); });
      h.appendChild(all);
    }
    controls.appendChild(h);
    names.forEach((name, i) => {
      const row = el("label", "sm-item"), box = el("input");
      box.type = "checkbox"; box.checked = true;
      box.addEventListener("change", () => {
        if (box.checked) state.hide[kind].delete(name); else state.hide[kind].add(name);
        changed();
      });
      row.appendChild(box);
      if (before) row.appendChild(before(i));
      row.appendChild(el("span", null, name));
      if (after) row.appendChild(after(i));
      controls.appendChild(row);
      checks[kind].push(box);
    });
  }
  section(D.colorName || "Group", "group", dims.group,
    i => { const sw = el("span", "sm-swatch"); sw.style.background = COLORS[i]; return sw; },
    i => el("span", "sm-count", D.groups[i].count));
  section("Role", "role", dims.role);
  section("Relation", "relation", dims.relation);
  section("Wave", "wave", dims.wave);

  const OVERLAY_TEXT = {
    areas: ["Group areas", D.hullName ? "shaded area around each " + D.hullName : "shaded area around each group"],
    recommended: ["Recommended ties", "numbered as in the recommendations; dotted: who could introduce them"],
    voice: ["Voice routes", ""], spof: ["Single points of failure", ""], evidence: ["Evidence kinds", ""],
    change: ["Change between waves", ""],
  };
  const KEYS = {
    recommended: [["line", "#d62728", "dashed", "recommended new tie"], ["line", "#d62728", "dotted", "introducer"]],
    voice: OV.voice ? [["line", "#7b3294", "solid", "route a voice can take"],
      ["ring", "#7b3294", "", OV.voice.sourceName], ["ring2", "#7b3294", "", OV.voice.targetName],
      ["ring", "#7b3294", "thick", "carries their voice"]] : [],
    spof: [["ring", "#111111", "thick", "actor whose loss cuts others off"], ["line", "#111111", "thick", "tie whose loss cuts others off"]],
    change: OV.change ? [["line", "#1a1a1a", "solid", "tie gained by " + OV.change.after],
      ["line", "#d62728", "dashed", "tie lost since " + OV.change.before],
      ["ring", "#1a1a1a", "", "joined in " + OV.change.after], ["ring", "#9a9a9a", "dashed", "left after " + OV.change.before]] : [],
  };
  function keyRow(k) {
    const row = el("div"), mark = el("span", k[0] === "line" ? "sm-line" : "sm-swatch");
    if (k[0] === "line") {
      mark.style.borderTopColor = k[1];
      mark.style.borderTopStyle = k[2] === "dashed" ? "dashed" : k[2] === "dotted" ? "dotted" : "solid";
      mark.style.borderTopWidth = k[2] === "thick" ? "4px" : "2px";
    } else {
      mark.style.background = "#fff";
      mark.style.border = (k[2] === "thick" ? "3px " : "2px ") + (k[2] === "dashed" ? "dashed " : "solid ") + k[1];
      if (k[0] === "ring2") mark.style.outline = "1.5px solid " + k[1];
    }
    row.append(mark, el("span", null, k[3]));
    return row;
  }
  controls.appendChild(el("h2", null, "Show"));
  overlayNames.forEach(name => {
    const row = el("label", "sm-item"), box = el("input");
    box.type = "checkbox"; box.checked = state.on.has(name); box.dataset.overlay = name;
    box.addEventListener("change", () => { if (box.checked) state.on.add(name); else state.on.delete(name); changed(); });
    row.append(box, el("span", null, OVERLAY_TEXT[name][0]));
    if (name === "recommended") row.appendChild(el("span", "sm-count", OV.recommended.length));
    controls.appendChild(row);
    const key = el("div", "sm-key");
    (KEYS[name] || []).forEach(k => key.appendChild(keyRow(k)));
    if (name === "evidence") {
      OV.evidence.kinds.forEach(k => {
        const r = el("label", "sm-item"), b = el("input");
        b.type = "checkbox"; b.checked = true;
        b.addEventListener("change", () => { if (b.checked) state.hide.kind.delete(k.name); else state.hide.kind.add(k.name); changed(); });
        const line = el("span", "sm-line"); line.style.borderTopColor = k.color; line.style.borderTopWidth = "3px";
        r.append(b, line, el("span", null, k.name));
        key.appendChild(r); checks.kind.push(b);
      });
    }
    if (OVERLAY_TEXT[name][1]) key.insertBefore(el("div", null, OVERLAY_TEXT[name][1]), key.firstChild);
    key.style.display = box.checked ? "" : "none";
    controls.appendChild(key);
    checks.overlay.set(name, [box, key]);
  });
  if (D.sizeName) {
    controls.appendChild(el("h2", null, "Size"));
    controls.appendChild(el("div", "sm-key", "Dot size shows " + D.sizeName + "."));
    controls.lastChild.style.marginLeft = "0";
  }
  if (D.directed) {
    controls.appendChild(el("div", "sm-key", "Arrows point from the actor who named a tie to the actor named."));
    controls.lastChild.style.marginLeft = "0";
  }

  // ------------------------------------------------------------------ visibility
  const shownNode = new Uint8Array(N), shownEdge = new Uint8Array(M);
  const relIndexHidden = new Uint8Array(dims.relation.length);
  const nameIndex = {};
  Object.keys(dims).forEach(k => { nameIndex[k] = new Map(dims[k].map((n, i) => [n, i])); });
  const ROLES = D.nodes.roles || null;
  let waveMask = 0, allWaves = true;
  function computeVisibility() {
    const hg = new Uint8Array(dims.group.length);
    state.hide.group.forEach(n => { const i = nameIndex.group.get(n); if (i !== undefined) hg[i] = 1; });
    const hr = new Uint8Array(dims.role.length);
    state.hide.role.forEach(n => { const i = nameIndex.role.get(n); if (i !== undefined) hr[i] = 1; });
    relIndexHidden.fill(0);
    state.hide.relation.forEach(n => { const i = nameIndex.relation.get(n); if (i !== undefined) relIndexHidden[i] = 1; });
    waveMask = 0; allWaves = true;
    dims.wave.forEach((w, i) => { if (state.hide.wave.has(w)) allWaves = false; else waveMask += Math.pow(2, i); });
    const anyRoleHidden = state.hide.role.size > 0;
    for (let i = 0; i < N; i++) {
      let on = !hg[GROUP[i]];
      if (on && anyRoleHidden && ROLES) {
        const rs = ROLES[i];
        on = rs.length === 0 ? true : rs.some(r => !hr[r]);
      }
      if (on && !allWaves && NWAVE) on = hasWave(NWAVE[i]);
      shownNode[i] = on ? 1 : 0;
    }
    for (let j = 0; j < M; j++) {
      shownEdge[j] = (shownNode[ES[j]] && shownNode[ET[j]] && !relIndexHidden[EREL[j]] &&
        (allWaves || !EWAVE || hasWave(EWAVE[j]))) ? 1 : 0;
    }
  }
  function hasWave(mask) {   // masks are sums of powers of two (up to 2^52 exactly in a double)
    for (let i = 0; i < dims.wave.length; i++) {
      if (!state.hide.wave.has(dims.wave[i]) && Math.floor(mask / Math.pow(2, i)) % 2 === 1) return true;
    }
    return false;
  }

  // emphasis: the focused actor and their neighbours, or the search's matches; everyone else fades
  const emph = new Uint8Array(N), matched = new Uint8Array(N);
  let fading = false, matchCount = 0, matchList = [];
  function computeEmphasis() {
    emph.fill(0); matched.fill(0); matchList = [];
    const q = state.query.trim().toLowerCase();
    matchCount = 0;
    if (q) {
      for (let i = 0; i < N; i++) {
        if (shownNode[i] && SEARCH_TEXT[i].includes(q)) { matched[i] = 1; emph[i] = 1; matchCount++; matchList.push(i); }
      }
    }
    if (state.focus >= 0) {
      const f = state.focus;
      emph[f] = 1;
      for (let k = nbrStart[f]; k < nbrStart[f + 1]; k++) if (shownEdge[nbrEdge[k]]) emph[nbrList[k]] = 1;
    }
    if (state.tie >= 0 && OV.recommended) {
      const r = OV.recommended[state.tie];
      emph[r.s] = emph[r.t] = 1; if (r.introducer !== null) emph[r.introducer] = 1;
    }
    fading = state.focus >= 0 || state.tie >= 0 || q.length > 0;
  }

  // ------------------------------------------------------------------ view
  let W = 0, H = 0, dpr = 1, fitK = 1, fitCx = 0.5, fitCy = 0.5;
  let k = 1, cx = 0.5, cy = 0.5;     // zoom (screen px per layout unit) and the layout point at the centre
  (function bounds() {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < N; i++) { x0 = Math.min(x0, X[i]); x1 = Math.max(x1, X[i]); y0 = Math.min(y0, Y[i]); y1 = Math.max(y1, Y[i]); }
    if (!isFinite(x0)) { x0 = y0 = 0; x1 = y1 = 1; }
    fitCx = (x0 + x1) / 2; fitCy = (y0 + y1) / 2;
    bounds.w = Math.max(x1 - x0, 1e-9); bounds.h = Math.max(y1 - y0, 1e-9);
    state._bw = bounds.w; state._bh = bounds.h;
  })();
  function fit() {
    fitK = Math.max(1e-9, Math.min((W - 70) / state._bw, (H - 70) / state._bh));
    k = fitK; cx = fitCx; cy = fitCy;
  }
  const sx = x => W / 2 + (x - cx) * k, sy = y => H / 2 - (y - cy) * k;
  const wx = px => cx + (px - W / 2) / k, wy = py => cy - (py - H / 2) / k;
  function zoomLevel() { return k / fitK; }
  function radius(i) { return R[i] * Math.min(2.2, Math.max(0.7, Math.sqrt(zoomLevel()))); }
  function resize() {
    const rect = stage.getBoundingClientRect();
    const w = Math.max(50, rect.width), h = Math.max(50, rect.height);
    const first = W === 0;
    const z = W ? zoomLevel() : 1;
    W = w; H = h; dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
    const keep = [cx, cy];
    fitK = Math.max(1e-9, Math.min((W - 70) / state._bw, (H - 70) / state._bh));
    if (first) { if (state.view) applyView(); else fit(); } else { k = fitK * z; cx = keep[0]; cy = keep[1]; }
    requestDraw();
  }
  function applyView() {
    if (!state.view) { fit(); return; }
    cx = state.view[0]; cy = state.view[1]; k = fitK * state.view[2];
  }

  // ------------------------------------------------------------------ hulls (convex hull of padded points)
  const HULL_GROUP = D.nodes.hull ? Int32Array.from(D.nodes.hull) : GROUP;
  const HULL_META = D.hullGroups || D.groups;
  const hulls = (function () {
    const pad = 0.022 * Math.max(state._bw, state._bh), ring = 12, out = [];
    for (let g = 0; g < HULL_META.length; g++) {
      const pts = [];
      for (let i = 0; i < N; i++) if (HULL_GROUP[i] === g) {
        for (let a = 0; a < ring; a++) pts.push([X[i] + pad * Math.cos(2 * Math.PI * a / ring), Y[i] + pad * Math.sin(2 * Math.PI * a / ring)]);
      }
      out.push(pts.length ? convexHull(pts) : null);
    }
    return out;
  })();
  function convexHull(p) {
    p.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    const lower = [], upper = [];
    for (const q of p) { while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop(); lower.push(q); }
    for (let i = p.length - 1; i >= 0; i--) { const q = p[i]; while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop(); upper.push(q); }
    return lower.slice(0, -1).concat(upper.slice(0, -1));
  }
  function shade(hex, f) {   // mix a colour with black (f > 0) for text on light backgrounds
    const v = parseInt(hex.slice(1), 16), r = (v >> 16) & 255, g = (v >> 8) & 255, b = v & 255;
    return "rgb(" + [r, g, b].map(c => Math.round(c * (1 - f))).join(",") + ")";
  }
  function rgba(hex, a) {
    const v = parseInt(hex.slice(1), 16);
    return "rgba(" + ((v >> 16) & 255) + "," + ((v >> 8) & 255) + "," + (v & 255) + "," + a + ")";
  }

  // ------------------------------------------------------------------ labels: a collision grid in screen space
  const CELL = 64;
  let grid = new Map();
  function gridReset() { grid = new Map(); }
  function gridFree(x0, y0, x1, y1) {
    for (let gx = Math.floor(x0 / CELL); gx <= Math.floor(x1 / CELL); gx++) {
      for (let gy = Math.floor(y0 / CELL); gy <= Math.floor(y1 / CELL); gy++) {
        const b = grid.get(gx * 100003 + gy);
        if (b) for (const r of b) if (x0 < r[2] && x1 > r[0] && y0 < r[3] && y1 > r[1]) return false;
      }
    }
    return true;
  }
  function gridAdd(x0, y0, x1, y1) {
    const r = [x0, y0, x1, y1];
    for (let gx = Math.floor(x0 / CELL); gx <= Math.floor(x1 / CELL); gx++) {
      for (let gy = Math.floor(y0 / CELL); gy <= Math.floor(y1 / CELL); gy++) {
        const key = gx * 100003 + gy;
        let b = grid.get(key); if (!b) grid.set(key, b = []); b.push(r);
      }
    }
  }
  const widthCache = new Map();
  function textWidth(text, font) {
    const key = font + "\u0000" + text;
    let w = widthCache.get(key);
    if (w === undefined) { ctx.font = font; w = ctx.measureText(text).width; widthCache.set(key, w); }
    return w;
  }
  const FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  const BOLD = "600 13px system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  const HULL_FONT = "700 12.5px system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  const importanceOrder = Array.from({ length: N }, (_, i) => i).sort((a, b) =>
    (D.nodes.importance[b] - D.nodes.importance[a]) || (LABELS[a] < LABELS[b] ? -1 : LABELS[a] > LABELS[b] ? 1 : a - b));

  // ------------------------------------------------------------------ drawing
  let pending = false, drawn = null;
  function requestDraw() { if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; draw(); }); } }
  function draw() {
    const t0 = performance.now();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    const out = { labels: [], hullLabels: [], nodes: 0, faded: 0, edges: 0, overlays: {}, badges: [] };
    const sxs = new Float64Array(N), sys = new Float64Array(N), rs = new Float64Array(N);
    for (let i = 0; i < N; i++) { sxs[i] = sx(X[i]); sys[i] = sy(Y[i]); rs[i] = radius(i); }
    gridReset();
    if (state.on.has("areas")) drawHulls(out);
    drawEdges(sxs, sys, rs, out);
    drawOverlayLines(sxs, sys, rs, out);
    drawNodes(sxs, sys, rs, out);
    drawOverlayMarks(sxs, sys, rs, out);
    drawBadges(sxs, sys, out);
    drawLabels(sxs, sys, rs, out);
    out.ms = performance.now() - t0;
    drawn = out;
    status.textContent = statusText(out);
  }
  function drawHulls(out) {
    const hiddenG = new Set(state.hide.group);
    for (let g = 0; g < hulls.length; g++) {
      const h = hulls[g];
      if (!h || (!D.nodes.hull && hiddenG.has(D.groups[g].name))) continue;
      ctx.beginPath();
      h.forEach((p, n) => { const x = sx(p[0]), y = sy(p[1]); if (n) ctx.lineTo(x, y); else ctx.moveTo(x, y); });
      ctx.closePath();
      ctx.fillStyle = rgba(HULL_META[g].color, fading ? 0.04 : 0.10);
      ctx.strokeStyle = rgba(HULL_META[g].color, fading ? 0.15 : 0.45);
      ctx.lineWidth = 1.2;
      ctx.fill(); ctx.stroke();
    }
    // the areas' names: at the top of each area, or below it when that spot is taken
    ctx.font = HULL_FONT; ctx.textBaseline = "alphabetic"; ctx.lineJoin = "round";
    for (let g = 0; g < hulls.length; g++) {
      const h = hulls[g];
      if (!h || (!D.nodes.hull && hiddenG.has(D.groups[g].name))) continue;
      let top = h[0], bottom = h[0];
      for (const p of h) { if (p[1] > top[1]) top = p; if (p[1] < bottom[1]) bottom = p; }
      const name = HULL_META[g].name, w = textWidth(name, HULL_FONT);
      for (const [px, py] of [[sx(top[0]), sy(top[1]) - 5], [sx(bottom[0]), sy(bottom[1]) + 17]]) {
        const x0 = Math.min(Math.max(px - w / 2, 2), W - w - 2);
        if (py < 14 || py > H - 2 || !gridFree(x0 - 3, py - 14, x0 + w + 3, py + 4)) continue;
        gridAdd(x0 - 3, py - 14, x0 + w + 3, py + 4);
        ctx.globalAlpha = fading ? 0.35 : 1;
        ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.lineWidth = 4; ctx.strokeText(name, x0, py);
        ctx.fillStyle = shade(HULL_META[g].color, 0.45); ctx.fillText(name, x0, py);
        ctx.globalAlpha = 1;
        out.hullLabels.push({ text: name, x: x0, y: py - 12, w: w, h: 14 });
        break;
      }
    }
  }
  function baseEdgeAlpha() {
    let a = M > 20000 ? 0.13 : M > 5000 ? 0.2 : M > 1500 ? 0.28 : 0.4;
    if (["voice", "evidence", "change", "spof"].some(o => state.on.has(o))) a *= 0.5;
    return a;
  }
  function drawEdges(sxs, sys, rs, out) {
    const base = baseEdgeAlpha();
    // batches: (emphasised?) x (width bucket); one path each
    const batches = [[[], [], []], [[], [], []]];
    const heads = [[], []];
    for (let j = 0; j < M; j++) {
      if (!shownEdge[j]) continue;
      const s = ES[j], t = ET[j];
      const x0 = sxs[s], y0 = sys[s], x1 = sxs[t], y1 = sys[t];
      if ((x0 < 0 && x1 < 0) || (x0 > W && x1 > W) || (y0 < 0 && y1 < 0) || (y0 > H && y1 > H)) continue;
      out.edges++;
      const strong = fading && (s === state.focus || t === state.focus) ? 1 : 0;
      const b = EW[j] < 1.2 ? 0 : EW[j] < 2.2 ? 1 : 2;
      batches[strong][b].push(j);
      if (D.directed) heads[strong].push(j);
    }
    const alphas = [fading ? base * 0.25 : base, 0.85];
    for (let e = 0; e < 2; e++) {
      for (let b = 0; b < 3; b++) {
        const list = batches[e][b];
        if (!list.length) continue;
        ctx.beginPath();
        for (const j of list) { ctx.moveTo(sxs[ES[j]], sys[ES[j]]); ctx.lineTo(sxs[ET[j]], sys[ET[j]]); }
        ctx.strokeStyle = e ? "rgba(40,40,40," + alphas[1] + ")" : "rgba(95,95,95," + alphas[0] + ")";
        ctx.lineWidth = [0.7, 1.4, 2.4][b] * (e ? 1.3 : 1);
        ctx.stroke();
      }
      arrowheads(heads[e], sxs, sys, rs, e ? "rgba(40,40,40,0.9)" : "rgba(80,80,80," + Math.min(1, alphas[0] * 2.2) + ")", e ? 8 : 6.5);
    }
  }
  // an arrowhead of constant size on screen, its tip on the target's rim; left out where the tie is too
  // short on screen to show one without piling into the node (zoom in, or focus, to see them)
  function arrowheads(list, sxs, sys, rs, color, size, minLength) {
    if (!list.length) return;
    ctx.beginPath();
    let count = 0;
    for (const j of list) {
      const s = ES[j], t = ET[j];
      const dx = sxs[t] - sxs[s], dy = sys[t] - sys[s], L = Math.hypot(dx, dy);
      if (L < (minLength || Math.max(34, 4 * size + rs[t]))) continue;
      const ux = dx / L, uy = dy / L, tx = sxs[t] - ux * (rs[t] + 1.5), ty = sys[t] - uy * (rs[t] + 1.5);
      ctx.moveTo(tx, ty);
      ctx.lineTo(tx - ux * size - uy * size * 0.45, ty - uy * size + ux * size * 0.45);
      ctx.lineTo(tx - ux * size + uy * size * 0.45, ty - uy * size - ux * size * 0.45);
      // no closePath: fill() closes each triangle, and closePath in a path of thousands of triangles costs
      // Chromium seconds (5,000 actors: 3 s a frame)
      count++;
    }
    ctx.fillStyle = color; ctx.fill();
    return count;
  }
  function drawNodes(sxs, sys, rs, out) {
    const byColor = new Map();
    for (let i = 0; i < N; i++) {
      if (!shownNode[i]) continue;
      const x = sxs[i], y = sys[i], r = rs[i];
      if (x < -r || y < -r || x > W + r || y > H + r) continue;
      const key = GROUP[i] * 2 + (fading && !emph[i] ? 1 : 0);
      let l = byColor.get(key); if (!l) byColor.set(key, l = []); l.push(i);
      out.nodes++;
      if (fading && !emph[i]) out.faded++;
    }
    const keys = [...byColor.keys()].sort((a, b) => (b % 2) - (a % 2) || a - b);   // faded first, underneath
    for (const key of keys) {
      const list = byColor.get(key), faded = key % 2 === 1;
      ctx.beginPath();
      for (const i of list) { ctx.moveTo(sxs[i] + rs[i], sys[i]); ctx.arc(sxs[i], sys[i], rs[i], 0, 2 * Math.PI); }
      ctx.globalAlpha = faded ? FADED : 1;
      ctx.fillStyle = COLORS[key >> 1]; ctx.fill();
      ctx.strokeStyle = "#ffffff"; ctx.lineWidth = 0.9; ctx.stroke();
      ctx.globalAlpha = 1;
    }
    // second roles: a ring in that role's colour, as on the static map
    if (D.nodes.ring) {
      for (let i = 0; i < N; i++) {
        const c = D.nodes.ring[i];
        if (c === null || !shownNode[i] || (fading && !emph[i])) continue;
        ring(sxs[i], sys[i], rs[i] + 1.6, c, 2);
      }
    }
    if (state.focus >= 0 && shownNode[state.focus]) ring(sxs[state.focus], sys[state.focus], rs[state.focus] + 3, "#111", 2.5);
    for (const i of matchList) ring(sxs[i], sys[i], rs[i] + 2.5, "#111", 1.6);
  }
  function ring(x, y, r, color, width, dash) {
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.strokeStyle = color; ctx.lineWidth = width; ctx.setLineDash(dash || []); ctx.stroke(); ctx.setLineDash([]);
  }
  function endsShown(a, b) { return shownNode[a] && shownNode[b]; }
  function segmentAlpha(a, b) { return fading && !(emph[a] && emph[b]) ? 0.18 : 1; }
  function drawOverlayLines(sxs, sys, rs, out) {
    if (state.on.has("evidence") && OV.evidence && EKIND) {
      const kinds = OV.evidence.kinds;
      let n = 0;
      kinds.forEach((kd, b) => {
        if (state.hide.kind.has(kd.name)) return;
        ctx.beginPath();
        for (let j = 0; j < M; j++) {
          if (!shownEdge[j] || !(EKIND[j] & (1 << b))) continue;
          let first = -1;   // the edge is drawn in its first shown kind only
          for (let c = 0; c < kinds.length; c++) if ((EKIND[j] & (1 << c)) && !state.hide.kind.has(kinds[c].name)) { first = c; break; }
          if (first !== b) continue;
          ctx.moveTo(sxs[ES[j]], sys[ES[j]]); ctx.lineTo(sxs[ET[j]], sys[ET[j]]); n++;
        }
        ctx.strokeStyle = rgba(kd.color, fading ? 0.25 : 0.85); ctx.lineWidth = 1.8; ctx.stroke();
      });
      out.overlays.evidence = n;
    }
    if (state.on.has("change") && OV.change) {
      let n = 0;
      for (const [list, color, dash] of [[OV.change.gained, "#1a1a1a", []], [OV.change.lost, "#d62728", [6, 4]]]) {
        ctx.beginPath();
        for (const [a, b] of list) { if (!endsShown(a, b)) continue; ctx.moveTo(sxs[a], sys[a]); ctx.lineTo(sxs[b], sys[b]); n++; }
        ctx.strokeStyle = color; ctx.globalAlpha = fading ? 0.3 : 0.9; ctx.lineWidth = 1.8; ctx.setLineDash(dash); ctx.stroke();
        ctx.setLineDash([]); ctx.globalAlpha = 1;
      }
      out.overlays.change = n;
    }
    if (state.on.has("spof") && OV.spof) {
      let n = 0;
      ctx.beginPath();
      for (const [a, b] of OV.spof.ties) { if (!endsShown(a, b)) continue; ctx.moveTo(sxs[a], sys[a]); ctx.lineTo(sxs[b], sys[b]); n++; }
      ctx.strokeStyle = "rgba(17,17,17," + (fading ? 0.3 : 0.85) + ")"; ctx.lineWidth = 3.5; ctx.stroke();
      out.overlays.spof = n + OV.spof.actors.length;
    }
    if (state.on.has("voice") && OV.voice) {
      let n = 0;
      const list = OV.voice.edges.filter(([a, b]) => endsShown(a, b));
      ctx.beginPath();
      for (const [a, b] of list) { ctx.moveTo(sxs[a], sys[a]); ctx.lineTo(sxs[b], sys[b]); n++; }
      ctx.strokeStyle = "rgba(123,50,148," + (fading ? 0.25 : 0.8) + ")"; ctx.lineWidth = 2.2; ctx.stroke();
      if (OV.voice.arrows) {   // the way a voice moves along each tie
        ctx.beginPath();
        for (const [a, b] of list) {
          const dx = sxs[b] - sxs[a], dy = sys[b] - sys[a], L = Math.hypot(dx, dy);
          if (L < 30) continue;
          const ux = dx / L, uy = dy / L, tx = sxs[b] - ux * (rs[b] + 2), ty = sys[b] - uy * (rs[b] + 2), s = 8;
          ctx.moveTo(tx, ty); ctx.lineTo(tx - ux * s - uy * s * 0.45, ty - uy * s + ux * s * 0.45);
          ctx.lineTo(tx - ux * s + uy * s * 0.45, ty - uy * s - ux * s * 0.45);   // fill() closes it
        }
        ctx.fillStyle = "rgba(123,50,148," + (fading ? 0.25 : 0.9) + ")"; ctx.fill();
      }
      out.overlays.voice = n;
    }
    if (state.on.has("recommended") && OV.recommended) drawRecommended(sxs, sys, out);
  }
  // recommended ties as curves bowed to alternate sides, so ties between nearby actors never run on top
  // of each other; their numbers go where no other number is
  let badgeSpots = [];
  function recCurve(r, sxs, sys) {
    const x0 = sxs[r.s], y0 = sys[r.s], x1 = sxs[r.t], y1 = sys[r.t];
    const dx = x1 - x0, dy = y1 - y0, L = Math.hypot(dx, dy) || 1;
    const bow = (r.rank % 2 ? 1 : -1) * (0.14 + 0.05 * ((r.rank >> 1) % 3)) * L;
    return [x0, y0, (x0 + x1) / 2 - dy / L * bow, (y0 + y1) / 2 + dx / L * bow, x1, y1];
  }
  function onCurve(c, t) {
    const u = 1 - t;
    return [u * u * c[0] + 2 * u * t * c[2] + t * t * c[4], u * u * c[1] + 2 * u * t * c[3] + t * t * c[5]];
  }
  function drawRecommended(sxs, sys, out) {
    badgeSpots = [];
    let n = 0;
    OV.recommended.forEach((r, idx) => {
      if (!endsShown(r.s, r.t)) return;
      const c = recCurve(r, sxs, sys), a = state.tie >= 0 && state.tie !== idx ? 0.25 : segmentAlpha(r.s, r.t);
      ctx.globalAlpha = a;
      ctx.beginPath(); ctx.moveTo(c[0], c[1]); ctx.quadraticCurveTo(c[2], c[3], c[4], c[5]);
      ctx.strokeStyle = "#d62728"; ctx.lineWidth = 2.6; ctx.setLineDash([7, 4]); ctx.stroke(); ctx.setLineDash([]);
      let spot = onCurve(c, 0.5);
      for (const t of [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8]) {
        const p = onCurve(c, t);
        if (badgeSpots.every(b => Math.hypot(b[0] - p[0], b[1] - p[1]) > 22)) { spot = p; break; }
      }
      badgeSpots.push([spot[0], spot[1], idx, a]);
      if (r.introducer !== null && shownNode[r.introducer]) {
        ctx.beginPath(); ctx.moveTo(sxs[r.introducer], sys[r.introducer]); ctx.lineTo(spot[0], spot[1]);
        ctx.strokeStyle = "#d62728"; ctx.lineWidth = 1.3; ctx.setLineDash([1.5, 3.5]); ctx.stroke(); ctx.setLineDash([]);
      }
      ctx.globalAlpha = 1;
      n++;
    });
    out.overlays.recommended = n;
  }
  function drawBadges(sxs, sys, out) {
    if (!state.on.has("recommended") || !OV.recommended) return;
    ctx.font = "700 11px system-ui, Arial, sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
    for (const [x, y, idx, a] of badgeSpots) {
      const r = OV.recommended[idx];
      ctx.globalAlpha = a;
      ctx.beginPath(); ctx.arc(x, y, 9.5, 0, 2 * Math.PI); ctx.fillStyle = "#d62728"; ctx.fill();
      ctx.strokeStyle = "#fff"; ctx.lineWidth = 1.5; ctx.stroke();
      ctx.fillStyle = "#fff"; ctx.fillText(String(r.rank), x, y + 0.5);
      ctx.globalAlpha = 1;
      gridAdd(x - 11, y - 11, x + 11, y + 11);   // names keep clear of the numbers
      out.badges.push({ rank: r.rank, x: x, y: y });
    }
    ctx.textAlign = "left"; ctx.textBaseline = "alphabetic";
  }
  function drawOverlayMarks(sxs, sys, rs, out) {
    const mark = (i, color, extra, width, dash) => {
      if (!shownNode[i]) return;
      ctx.globalAlpha = fading && !emph[i] ? 0.25 : 1;
      ring(sxs[i], sys[i], rs[i] + extra, color, width, dash);
      ctx.globalAlpha = 1;
    };
    if (state.on.has("change") && OV.change) {
      OV.change.joined.forEach(i => mark(i, "#1a1a1a", 2.5, 2));
      OV.change.left.forEach(i => mark(i, "#9a9a9a", 2.5, 2, [3, 2]));
    }
    if (state.on.has("voice") && OV.voice) {
      OV.voice.sources.forEach(i => mark(i, "#7b3294", 2.5, 2));
      OV.voice.targets.forEach(i => { mark(i, "#7b3294", 2.5, 1.6); mark(i, "#7b3294", 5.5, 1.6); });
      const top = OV.voice.carriers.length ? OV.voice.carriers[0][1] : 1;
      OV.voice.carriers.forEach(([i, v]) => mark(i, "#7b3294", 3.5, 2 + 4 * v / (top || 1)));
    }
    if (state.on.has("spof") && OV.spof) OV.spof.actors.forEach(([i]) => mark(i, "#111111", 3, 3.2));
    if (state.on.has("recommended") && OV.recommended) {
      OV.recommended.forEach(r => {
        if (!endsShown(r.s, r.t)) return;
        mark(r.s, "#d62728", 2.5, 2); mark(r.t, "#d62728", 2.5, 2);
        if (r.introducer !== null) mark(r.introducer, "#d62728", 2.5, 1.5, [2, 2]);
      });
    }
  }
  function priorityActors() {
    const first = [];
    if (state.focus >= 0) first.push(state.focus);
    if (state.tie >= 0) { const r = OV.recommended[state.tie]; first.push(r.s, r.t); if (r.introducer !== null) first.push(r.introducer); }
    first.push(...matchList.slice(0, 200));
    if (state.focus >= 0) {
      const f = state.focus;
      const nb = [];
      for (let q = nbrStart[f]; q < nbrStart[f + 1]; q++) if (shownEdge[nbrEdge[q]]) nb.push(nbrList[q]);
      nb.sort((a, b) => D.nodes.importance[b] - D.nodes.importance[a]);
      first.push(...nb);
    }
    if (state.on.has("recommended") && OV.recommended) OV.recommended.forEach(r => { first.push(r.s, r.t); if (r.introducer !== null) first.push(r.introducer); });
    if (state.on.has("spof") && OV.spof) OV.spof.actors.forEach(([i]) => first.push(i));
    if (state.on.has("voice") && OV.voice) OV.voice.carriers.slice(0, 10).forEach(([i]) => first.push(i));
    return first;
  }
  function drawLabels(sxs, sys, rs, out) {
    const seen = new Uint8Array(N), order = [];
    for (const i of priorityActors()) if (!seen[i]) { seen[i] = 1; order.push(i); }
    for (const i of importanceOrder) if (!seen[i]) { seen[i] = 1; order.push(i); }
    ctx.textBaseline = "middle"; ctx.lineJoin = "round";
    const limit = Math.max(30, Math.min(600, Math.round(W * H / 2500)));
    let placed = 0;
    for (const i of order) {
      if (placed >= limit) break;
      if (!shownNode[i] || (fading && !emph[i])) continue;
      const x = sxs[i], y = sys[i], r = rs[i];
      if (x < -40 || y < -10 || x > W + 40 || y > H + 10) continue;
      const bold = i === state.focus || matched[i];
      const font = bold ? BOLD : FONT, text = LABELS[i], w = textWidth(text, font), h = bold ? 15 : 13;
      const spots = [[x + r + 3, y], [x - r - 3 - w, y], [x - w / 2, y - r - 2 - h / 2], [x - w / 2, y + r + 2 + h / 2]];
      for (const [lx, ly] of spots) {
        const x0 = lx - 1, y0 = ly - h / 2, x1 = lx + w + 1, y1 = ly + h / 2;
        if (x0 < 0 || x1 > W || y0 < 0 || y1 > H || !gridFree(x0, y0, x1, y1)) continue;
        gridAdd(x0, y0, x1, y1);
        ctx.font = font;
        ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.lineWidth = 3.5; ctx.strokeText(text, lx, ly);
        ctx.fillStyle = "#1f2328"; ctx.fillText(text, lx, ly);
        out.labels.push({ text: text, index: i, x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
        placed++;
        break;
      }
    }
    ctx.textBaseline = "alphabetic";
  }
  function statusText(out) {
    let shownE = 0, shownN = 0;
    for (let j = 0; j < M; j++) shownE += shownEdge[j];
    for (let i = 0; i < N; i++) shownN += shownNode[i];
    let s = shownN + " of " + N + " actors · " + shownE + " of " + M + (M === 1 ? " tie" : " ties");
    if (state.query.trim()) s += " · " + matchCount + (matchCount === 1 ? " match" : " matches");
    return s;
  }

  // ------------------------------------------------------------------ hit testing and interaction
  function nodeAt(px, py) {
    let best = -1, bestD = Infinity;
    for (let i = 0; i < N; i++) {
      if (!shownNode[i]) continue;
      const d = Math.hypot(sx(X[i]) - px, sy(Y[i]) - py), r = radius(i) + 4;
      if (d <= r && d < bestD) { best = i; bestD = d; }
    }
    return best;
  }
  function badgeAt(px, py) {
    if (!state.on.has("recommended")) return -1;
    for (const [x, y, idx] of badgeSpots) if (Math.hypot(x - px, y - py) <= 11) return idx;
    return -1;
  }
  let drag = null;
  stage.addEventListener("pointerdown", e => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, cx: cx, cy: cy, moved: false };
    stage.setPointerCapture(e.pointerId);
  });
  stage.addEventListener("pointermove", e => {
    const rect = stage.getBoundingClientRect(), px = e.clientX - rect.left, py = e.clientY - rect.top;
    if (drag) {
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; stage.classList.add("sm-dragging"); }
      if (drag.moved) { cx = drag.cx - dx / k; cy = drag.cy + dy / k; tip.style.display = "none"; requestDraw(); }
      return;
    }
    const i = nodeAt(px, py), b = i < 0 ? badgeAt(px, py) : -1;
    if (i >= 0 || b >= 0) {
      tip.textContent = i >= 0 ? LABELS[i] + " · " + D.groups[GROUP[i]].name
        : "Recommended tie " + OV.recommended[b].rank + ": " + LABELS[OV.recommended[b].s] + " and " + LABELS[OV.recommended[b].t];
      tip.style.display = "block";
      tip.style.left = Math.min(px + 14, W - 200) + "px"; tip.style.top = (py + 14) + "px";
      stage.style.cursor = "pointer";
    } else { tip.style.display = "none"; stage.style.cursor = ""; }
  });
  stage.addEventListener("pointerup", e => {
    if (!drag) return;
    const moved = drag.moved;
    drag = null; stage.classList.remove("sm-dragging");
    if (moved) { viewChanged(); return; }
    const rect = stage.getBoundingClientRect(), px = e.clientX - rect.left, py = e.clientY - rect.top;
    const b = badgeAt(px, py);
    if (b >= 0) { selectTie(b); return; }
    const i = nodeAt(px, py);
    if (i >= 0) focusOn(i, false); else if (state.focus >= 0 || state.tie >= 0) { state.focus = -1; state.tie = -1; changed(); }
  });
  stage.addEventListener("wheel", e => {
    e.preventDefault();
    const rect = stage.getBoundingClientRect(), px = e.clientX - rect.left, py = e.clientY - rect.top;
    const before = [wx(px), wy(py)];
    const f = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0018));
    k = Math.min(fitK * 200, Math.max(fitK * 0.3, k * f));
    cx = before[0] - (px - W / 2) / k; cy = before[1] + (py - H / 2) / k;
    requestDraw(); viewChanged();
  }, { passive: false });
  stage.addEventListener("dblclick", e => {
    const rect = stage.getBoundingClientRect(), px = e.clientX - rect.left, py = e.clientY - rect.top;
    const before = [wx(px), wy(py)];
    k = Math.min(fitK * 200, k * 2);
    cx = before[0] - (px - W / 2) / k; cy = before[1] + (py - H / 2) / k;
    requestDraw(); viewChanged();
  });
  document.addEventListener("keydown", e => {
    if (e.key === "Escape") { state.focus = -1; state.tie = -1; state.query = ""; search.value = ""; closeResults(); changed(); }
    else if (e.target === search) return;
    else if (e.key === "+" || e.key === "=") { k *= 1.3; requestDraw(); viewChanged(); }
    else if (e.key === "-") { k /= 1.3; requestDraw(); viewChanged(); }
  });
  fitBtn.addEventListener("click", () => { fit(); state.view = null; requestDraw(); writeHash(); });
  clearBtn.addEventListener("click", () => { state.focus = -1; state.tie = -1; state.query = ""; search.value = ""; closeResults(); changed(); });
  linkBtn.addEventListener("click", () => {
    writeHash();
    showLink();
  });

  // search: matches are ringed and named, the rest fades; Enter (or a click on a result) focuses one
  function closeResults() { results.classList.remove("sm-open"); results.replaceChildren(); }
  search.addEventListener("input", () => {
    state.query = search.value;
    changed();
    results.replaceChildren();
    if (!state.query.trim()) { closeResults(); return; }
    matchList.slice(0, 12).forEach(i => {
      const b = el("button", null, LABELS[i]);
      b.type = "button";
      b.addEventListener("click", () => { closeResults(); focusOn(i, true); });
      results.appendChild(b);
    });
    if (matchList.length > 12) results.appendChild(el("div", "sm-key", "and " + (matchList.length - 12) + " more"));
    results.classList.toggle("sm-open", matchList.length > 0);
  });
  search.addEventListener("keydown", e => {
    if (e.key === "Enter" && matchList.length) { closeResults(); focusOn(matchList[0], true); }
  });

  function focusOn(i, centre) {
    state.focus = i; state.tie = -1;
    if (centre && i >= 0) {
      cx = X[i]; cy = Y[i];
      k = Math.max(k, fitK * 2.5);
    }
    changed();
  }
  function selectTie(idx) { state.tie = idx; state.focus = -1; changed(); }
  function viewChanged() { state.view = [cx, cy, zoomLevel()]; scheduleHash(); }

  // ------------------------------------------------------------------ the side panel
  const fmt = v => {
    if (v === null || v === undefined || (typeof v === "number" && !isFinite(v))) return "–";
    if (typeof v !== "number") return String(v);
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    return a >= 100 ? v.toFixed(0) : a >= 1 ? v.toFixed(2) : v.toPrecision(2);
  };
  function rows(table, pairs, numeric) {
    pairs.forEach(([name, value]) => {
      const tr = el("tr"), td = el("td", numeric ? "sm-num" : null, value);
      tr.append(el("td", null, name), td);
      table.appendChild(tr);
    });
  }
  function namesList(list, max) {
    const box = el("div", "sm-names");
    list.slice(0, max).forEach((i, n) => {
      const b = el("button", null, LABELS[i]); b.type = "button";
      b.addEventListener("click", () => focusOn(i, true));
      box.appendChild(b);
      if (n < Math.min(list.length, max) - 1) box.appendChild(document.createTextNode(", "));
    });
    if (list.length > max) box.appendChild(document.createTextNode(" and " + (list.length - max) + " more"));
    return box;
  }
  function renderPanel() {
    panel.replaceChildren();
    const open = state.focus >= 0 || state.tie >= 0;
    app.classList.toggle("sm-no-panel", !open);
    if (state.tie >= 0) { tiePanel(state.tie); return; }
    if (state.focus < 0) return;
    const i = state.focus;
    const close = el("button", "sm-btn sm-close", "×"); close.title = "Close"; close.setAttribute("aria-label", "Close");
    close.addEventListener("click", () => { state.focus = -1; changed(); });
    panel.appendChild(close);
    panel.appendChild(el("h2", null, LABELS[i]));
    const sub = [D.groups[GROUP[i]].name];
    if (D.nodes.roleText && D.nodes.roleText[i] && D.colorColumn !== "role") sub.push(D.nodes.roleText[i]);
    panel.appendChild(el("p", "sm-sub", sub.join(" · ")));
    const about = el("table");
    if (D.nodes.roleText && D.nodes.roleText[i] && D.colorColumn === "role") rows(about, [["Roles", D.nodes.roleText[i]]]);
    if (D.nodes.respondent) {
      const v = D.nodes.respondent[i];
      rows(about, [["Answered the survey", v === null ? "not known" : v ? "yes" : "no"]]);
    }
    rows(about, D.fields.map(f => [f.name, f.values[i] === null ? "–" : f.values[i]]).filter(r => r[1] !== "–"));
    if (about.children.length) { panel.appendChild(el("h3", null, "About")); panel.appendChild(about); }
    const sentences = D.findings ? D.findings[i] : null;
    if (sentences && sentences.length) {
      panel.appendChild(el("h3", null, "In the findings"));
      const ul = el("ul"); sentences.forEach(s => ul.appendChild(el("li", null, s))); panel.appendChild(ul);
    }
    if (D.metrics.length) {
      panel.appendChild(el("h3", null, "Measures"));
      const t = el("table"); rows(t, D.metrics.map(m => [m.name, fmt(m.values[i])]), true); panel.appendChild(t);
    }
    const outs = [], ins = [];
    for (let q = nbrStart[i]; q < nbrStart[i + 1]; q++) {
      const j = nbrEdge[q];
      if (!shownEdge[j]) continue;
      (D.directed && ET[j] === i ? ins : outs).push(nbrList[q]);
    }
    const uniq = l => [...new Set(l)].sort((a, b) => LABELS[a].localeCompare(LABELS[b]));
    panel.appendChild(el("h3", null, "Ties shown"));
    if (D.directed) {
      panel.appendChild(el("div", null, "Names " + uniq(outs).length + ":"));
      panel.appendChild(namesList(uniq(outs), 40));
      panel.appendChild(el("div", null, "Named by " + uniq(ins).length + ":"));
      panel.appendChild(namesList(uniq(ins), 40));
    } else {
      panel.appendChild(el("div", null, uniq(outs).length + " tied:"));
      panel.appendChild(namesList(uniq(outs), 60));
    }
  }
  function tiePanel(idx) {
    const r = OV.recommended[idx];
    const close = el("button", "sm-btn sm-close", "×"); close.setAttribute("aria-label", "Close");
    close.addEventListener("click", () => { state.tie = -1; changed(); });
    panel.append(close, el("h2", null, "Recommended tie " + r.rank));
    const names = el("div", "sm-names");
    [r.s, r.t].forEach((i, n) => {
      const b = el("button", null, LABELS[i]); b.type = "button"; b.addEventListener("click", () => focusOn(i, true));
      names.appendChild(b); if (!n) names.appendChild(document.createTextNode(" and "));
    });
    panel.appendChild(names);
    const t = el("table");
    if (r.introducer !== null) rows(t, [["Could be introduced by", LABELS[r.introducer]]]);
    (r.details || []).forEach(d => rows(t, [d]));
    panel.appendChild(t);
    if (r.reason) { panel.appendChild(el("h3", null, "Why")); panel.appendChild(el("p", null, r.reason)); }
  }
  function showLink() {
    const open = state.focus >= 0 || state.tie >= 0;
    if (!open) { app.classList.remove("sm-no-panel"); panel.replaceChildren(); }
    const box = el("div");
    box.appendChild(el("h3", null, "Link to this view"));
    box.appendChild(el("p", "sm-sub", "Add this to the map file's address to open it as it is now:"));
    const input = el("input", "sm-link"); input.readOnly = true; input.value = "#" + hashText();
    box.appendChild(input);
    panel.appendChild(box);
    input.focus(); input.select();
  }

  // ------------------------------------------------------------------ the view in the address (#fragment)
  function hashText() {
    const p = new URLSearchParams();
    if (state.focus >= 0) p.set("actor", D.nodes.id[state.focus]);
    if (state.tie >= 0) p.set("tie", String(OV.recommended[state.tie].rank));
    if (state.query.trim()) p.set("find", state.query);
    const on = overlayNames.filter(o => state.on.has(o));
    const defaultOn = D.areas ? ["areas"] : [];
    if (on.join(",") !== defaultOn.join(",")) p.set("show", on.join(",") || "none");
    Object.keys(state.hide).forEach(kind => state.hide[kind].forEach(n => p.append("hide-" + kind, n)));
    if (state.view) p.set("view", state.view.map(v => +v.toPrecision(6)).join(","));
    return p.toString();
  }
  let lastHash = null, hashTimer = null;
  function scheduleHash() { clearTimeout(hashTimer); hashTimer = setTimeout(writeHash, 200); }
  function writeHash() {
    const h = hashText();
    lastHash = h;
    try { history.replaceState(null, "", h ? "#" + h : location.pathname + location.search); }
    catch (err) { try { location.hash = h; } catch (err2) { /* a sandboxed frame may refuse; the view still works */ } }
  }
  function readHash() {
    let h = "";
    try { h = location.hash.replace(/^#/, ""); } catch (err) { h = ""; }
    if (h === lastHash) return false;
    const p = new URLSearchParams(h);
    const actor = p.get("actor");
    state.focus = actor !== null && idIndex.has(actor) ? idIndex.get(actor) : -1;
    const tie = p.get("tie");
    state.tie = -1;
    if (tie !== null && OV.recommended) state.tie = OV.recommended.findIndex(r => String(r.rank) === tie);
    state.query = p.get("find") || "";
    search.value = state.query;
    if (p.has("show")) {
      state.on = new Set(p.get("show").split(",").filter(o => overlayNames.includes(o)));
    } else state.on = new Set(D.areas ? ["areas"] : []);
    Object.keys(state.hide).forEach(kind => { state.hide[kind] = new Set(p.getAll("hide-" + kind)); });
    const v = (p.get("view") || "").split(",").map(Number);
    state.view = v.length === 3 && v.every(isFinite) && v[2] > 0 ? v : null;
    if (W) applyView();
    lastHash = h;
    return true;
  }
  window.addEventListener("hashchange", () => { if (readHash()) { syncControls(); changed(true); } });

  function syncControls() {
    ["group", "role", "relation", "wave", "kind"].forEach(kind => {
      checks[kind].forEach((box, n) => { box.checked = !state.hide[kind].has(dims[kind][n]); });
    });
    checks.overlay.forEach(([box, key], name) => { box.checked = state.on.has(name); key.style.display = box.checked ? "" : "none"; });
  }
  function changed(fromHash) {
    computeVisibility();
    computeEmphasis();
    syncControls();
    renderPanel();
    requestDraw();
    if (!fromHash) writeHash();
  }

  // ------------------------------------------------------------------ start
  readHash();
  computeVisibility();
  computeEmphasis();
  syncControls();
  renderPanel();
  if (typeof ResizeObserver !== "undefined") new ResizeObserver(resize).observe(stage); else window.addEventListener("resize", resize);
  resize();
  draw();

  // for tests, notebooks and anyone scripting a presentation
  window.systemsmapMap = {
    get drawn() { return drawn; },
    state: () => ({ focus: state.focus >= 0 ? D.nodes.id[state.focus] : null,
      tie: state.tie >= 0 ? OV.recommended[state.tie].rank : null, query: state.query,
      on: overlayNames.filter(o => state.on.has(o)),
      hide: Object.fromEntries(Object.keys(state.hide).map(kd => [kd, [...state.hide[kd]].sort()])),
      view: [cx, cy, zoomLevel()] }),
    screenOf: id => { const i = idIndex.get(String(id)); const rect = stage.getBoundingClientRect();
      return i === undefined ? null : [rect.left + sx(X[i]), rect.top + sy(Y[i])]; },
    focus: id => { const i = idIndex.get(String(id)); focusOn(i === undefined ? -1 : i, true); },
    hash: () => hashText(),
    redraw: () => { draw(); return drawn.ms; },
    overlays: overlayNames.slice(),
  };
  document.documentElement.setAttribute("data-ready", "1");
})();
