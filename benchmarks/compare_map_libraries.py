"""Which library should draw the interactive map? Load and redraw times of a 5,000-actor map in Chromium.

The candidates, each given the same network (a seeded stochastic block model,
5 groups, 5 ties per actor, positions from :func:`systemsmap.plot.layout`),
the same colours and the same names, in one self-contained HTML file with the
library's JavaScript inline (no CDN at run time):

* ``bokeh``: today's map (:mod:`bokeh`, as in systemsmap 0.x), measured until
  its document has rendered;
* ``sigma 3``, ``sigma 4``: sigma.js (WebGL) with graphology; sigma 3 is the engine of ipysigma;
* ``cytoscape``: cytoscape.js (canvas), the engine of ipycytoscape;
* ``vis``: vis-network (canvas), the engine of pyvis, with physics off;
* ``canvas``: a plain Canvas 2D view written for systemsmap (ties batched into
  one path per colour, names placed by importance on a collision grid).

For each: the file size, the time from navigation to the first frame drawn
with names (median of three loads), and the time of one redraw after a pan
(median of 20). Run::

    mkdir /tmp/libs && cd /tmp/libs && npm install sigma sigma3@npm:sigma@3 graphology cytoscape vis-network
    python benchmarks/compare_map_libraries.py /tmp/libs/node_modules

Chromium runs headless with SwiftShader (software WebGL), so WebGL figures are
slower than on a machine with a GPU; canvas figures are close to a desktop's.
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import systemsmap as sm  # noqa: E402
from _sbm import sbm_network  # noqa: E402

COLORS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9"]
N = 5000
LIMIT = 60  # seconds before a load counts as failed

PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;height:100%%}
#c{width:1400px;height:900px;position:relative}</style></head><body><div id="c"></div>
<script>%(lib)s</script><script>const DATA=%(data)s; window.t0=performance.now();</script>
<script>%(code)s</script></body></html>"""

SIGMA = """
const G = new graphology.Graph({multi:false, type:'directed'});
DATA.nodes.forEach((n,i)=>G.addNode(String(i),{x:n[0],y:n[1],size:n[2],label:n[3],color:n[4]}));
DATA.edges.forEach((e,j)=>{ if(!G.hasEdge(String(e[0]),String(e[1]))) G.addEdge(String(e[0]),String(e[1]),{color:'#bbb',size:0.5,type:'arrow'}); });
const r = new Sigma(G, document.getElementById('c'), {renderEdgeLabels:false, labelRenderedSizeThreshold:6});
// each library draws in or soon after its constructor: the frame is on screen two animation frames later
requestAnimationFrame(() => requestAnimationFrame(() => { window.firstFrame = performance.now(); }));
window.redraw = () => { const c = r.getCamera(); c.setState({x: c.x + 0.01}); r.refresh(); };
"""

CYTO = """
const els = [];
DATA.nodes.forEach((n,i)=>els.push({data:{id:'n'+i,label:n[3],c:n[4],s:n[2]*2},position:{x:n[0]*3000,y:n[1]*3000}}));
DATA.edges.forEach((e,j)=>els.push({data:{id:'e'+j,source:'n'+e[0],target:'n'+e[1]}}));
const cy = cytoscape({container:document.getElementById('c'), elements:els, layout:{name:'preset'},
  style:[{selector:'node',style:{'background-color':'data(c)',label:'data(label)',width:'data(s)',height:'data(s)',
  'font-size':8,'min-zoomed-font-size':6}},{selector:'edge',style:{width:0.5,'line-color':'#bbb',
  'target-arrow-shape':'triangle','curve-style':'straight'}}]});
requestAnimationFrame(() => requestAnimationFrame(() => { window.firstFrame = performance.now(); }));
window.redraw = () => { cy.panBy({x:5,y:0}); };
"""

VIS = """
const nodes = DATA.nodes.map((n,i)=>({id:i,x:n[0]*3000,y:n[1]*3000,label:n[3],color:n[4],size:n[2],shape:'dot',
  font:{size:8}}));
const edges = DATA.edges.map((e,j)=>({from:e[0],to:e[1],arrows:'to',color:{color:'#bbb'},width:0.5}));
const net = new vis.Network(document.getElementById('c'), {nodes, edges}, {physics:false,
  interaction:{hideEdgesOnDrag:false}, layout:{improvedLayout:false}});
requestAnimationFrame(() => requestAnimationFrame(() => { window.firstFrame = performance.now(); }));
window.redraw = () => { const p = net.getViewPosition(); net.moveTo({position:{x:p.x+5,y:p.y}}); net.redraw(); };
"""

CANVAS = """
const el = document.getElementById('c'); const cv = document.createElement('canvas');
const dpr = window.devicePixelRatio || 1; cv.width = 1400*dpr; cv.height = 900*dpr;
cv.style.width='1400px'; cv.style.height='900px'; el.appendChild(cv); const ctx = cv.getContext('2d');
const n = DATA.nodes.length, X = new Float64Array(n), Y = new Float64Array(n);
let k = 800, tx = 300, ty = 50;
const order = DATA.nodes.map((d,i)=>i).sort((a,b)=>DATA.nodes[b][2]-DATA.nodes[a][2]);
const widths = new Map();
function draw() {
  ctx.setTransform(dpr,0,0,dpr,0,0); ctx.clearRect(0,0,1400,900);
  for (let i=0;i<n;i++){ X[i]=tx+DATA.nodes[i][0]*k; Y[i]=ty+DATA.nodes[i][1]*k; }
  ctx.strokeStyle='rgba(120,120,120,0.25)'; ctx.lineWidth=0.6; ctx.beginPath();
  for (const e of DATA.edges){ ctx.moveTo(X[e[0]],Y[e[0]]); ctx.lineTo(X[e[1]],Y[e[1]]); }
  ctx.stroke();
  const byColor = {};
  for (let i=0;i<n;i++){ (byColor[DATA.nodes[i][4]] = byColor[DATA.nodes[i][4]] || []).push(i); }
  for (const c in byColor){ ctx.fillStyle=c; ctx.beginPath();
    for (const i of byColor[c]){ const r=DATA.nodes[i][2]; ctx.moveTo(X[i]+r,Y[i]); ctx.arc(X[i],Y[i],r,0,6.2832); }
    ctx.fill(); }
  const cell = 40, grid = new Map(); ctx.font = '11px sans-serif'; ctx.fillStyle='#222';
  ctx.strokeStyle='rgba(255,255,255,0.9)'; ctx.lineWidth=3; let placed = 0;
  for (const i of order){ const x=X[i]+DATA.nodes[i][2]+2, y=Y[i]+4; if (x<0||y<0||x>1400||y>900) continue;
    const lab = DATA.nodes[i][3]; let w = widths.get(lab); if (w===undefined){ w = ctx.measureText(lab).width; widths.set(lab,w); }
    const x0=Math.floor(x/cell), x1=Math.floor((x+w)/cell), y0=Math.floor((y-11)/cell), y1=Math.floor(y/cell);
    let free = true; for (let gx=x0;gx<=x1&&free;gx++) for (let gy=y0;gy<=y1&&free;gy++){ const b=grid.get(gx*4096+gy);
      if (b) for (const r of b) if (x<r[2]&&x+w>r[0]&&y-11<r[3]&&y>r[1]) { free=false; break; } }
    if (!free) continue; const rect=[x,y-11,x+w,y];
    for (let gx=x0;gx<=x1;gx++) for (let gy=y0;gy<=y1;gy++){ const key=gx*4096+gy; (grid.get(key)||grid.set(key,[]).get(key)).push(rect); }
    ctx.strokeText(lab,x,y); ctx.fillText(lab,x,y); placed++; }
}
draw(); window.firstFrame = performance.now();
window.redraw = () => { tx += 5; draw(); };
"""

LIBS = {
    "canvas": ([], CANVAS),
    "sigma 3": (["graphology/dist/graphology.umd.min.js", "sigma3/dist/sigma.min.js"], SIGMA),
    "cytoscape": (["cytoscape/dist/cytoscape.min.js"], CYTO),
    "vis": (["vis-network/standalone/umd/vis-network.min.js"], VIS),
    "sigma 4": (["graphology/dist/graphology.umd.min.js", "sigma/dist/sigma.min.js"], SIGMA),
}


def page_data(net, pos) -> str:
    groups = net.actors["group"].astype(str)
    codes = {g: i for i, g in enumerate(sorted(groups.unique()))}
    idx = net.ids
    nodes = [[round(float(x), 4), round(float(y), 4), 4.0, f"Actor {i}", COLORS[codes[g] % 5]]
             for i, x, y, g in zip(idx, pos["x"], pos["y"], groups)]
    s = idx.get_indexer(net.ties["source"])
    t = idx.get_indexer(net.ties["target"])
    return json.dumps({"nodes": nodes, "edges": [[int(a), int(b)] for a, b in zip(s, t)]}, separators=(",", ":"))


def measure(browser, path: Path, ready: str) -> tuple[float, float]:
    from playwright.sync_api import TimeoutError
    loads, redraws = [], []
    for _ in range(3):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("pageerror", lambda e: print("  page error:", e, flush=True))
        t0 = time.perf_counter()
        page.goto(path.as_uri(), wait_until="commit")
        try:
            page.wait_for_function(ready, timeout=LIMIT * 1000, polling=50)
        except TimeoutError as exc:
            print("  timeout:", str(exc)[:300], flush=True)
            page.close()
            return float("inf"), float("inf")
        loads.append(time.perf_counter() - t0)
        page.evaluate("""() => { if (window.redraw || !window.Bokeh) return;
          const plot = [...Bokeh.documents[0].all_models].find(m => m.x_range && m.renderers);
          window.redraw = () => { const r = plot.x_range, d = (r.end - r.start) * 0.01;
                                  r.setv({start: r.start + d, end: r.end + d}); }; }""")
        times = page.evaluate("""async () => { const out = [];
          for (let i = 0; i < 20; i++) { const t = performance.now(); window.redraw();
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            out.push(performance.now() - t); } return out; }""")
        redraws.append(statistics.median(times))
        page.close()
    return statistics.median(loads), statistics.median(redraws)


def main() -> None:
    from playwright.sync_api import sync_playwright

    modules = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    net = sbm_network(N, 5 * N, seed=1, directed=True)
    pos = sm.plot.layout(net, seed=0)
    data = page_data(net, pos)
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        bokeh = Path(tmp) / "bokeh.html"
        sm.plot.interactive(net, color="group", layout=pos, metrics=None, path=str(bokeh))
        files["bokeh"] = (bokeh, "(() => { try { return Bokeh.documents.length > 0 && "
                                 "[...Bokeh.index.all_views()].length > 0; } catch (e) { return false; } })()")
        for name, (libs, code) in LIBS.items():
            if libs and modules is None:
                continue
            lib = "\n".join((modules / f).read_text(encoding="utf-8") for f in libs)
            path = Path(tmp) / f"{name.replace(' ', '')}.html"
            path.write_text(PAGE % {"lib": lib.replace("</script", "<\\/script"), "data": data, "code": code},
                            encoding="utf-8")
            files[name] = (path, "window.firstFrame !== undefined")
        print(f"{N} actors, {len(net.ties)} ties; load = navigation to first frame; median of 3 loads")
        for name, (path, ready) in files.items():
            with sync_playwright() as p:  # a fresh browser each, so that one library's work does not slow the next
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                load, redraw = measure(browser, path, ready)
                browser.close()
            print(f"{name:>10}: {path.stat().st_size / 1e6:5.2f} MB  load {load:5.2f} s  "
                  f"redraw after a pan {redraw:7.1f} ms", flush=True)


if __name__ == "__main__":
    main()
