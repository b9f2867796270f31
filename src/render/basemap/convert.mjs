// Builds src/render/basemap/world.json, the base map (land + country borders) that marsad
// draws its static SVG place maps on. Not part of the build; world.json is committed.
//
// Source: Natural Earth 1:110m (public domain), as TopoJSON in the npm package world-atlas
// (ISC, Mike Bostock), decoded with topojson-client (ISC). Nothing is installed in the
// repository: install both pinned packages into a scratch directory and pass it along.
//
// Rerun (from the repository root):
//
//   D=$(mktemp -d) && (cd "$D" && npm install --no-save world-atlas@2.0.2 topojson-client@3.1.0) \
//     && node src/render/basemap/convert.mjs "$D"
//
// (The directory may also be given as BASEMAP_NPM_DIR=<dir>. Optional: BASEMAP_OUT=<file>.)
//
// Output, compact JSON:
//   {"source":..., "licence":..., "scale":10,
//    "land":[[lon,lat,lon,lat,...],...], "borders":[[lon,lat,...],...]}
// Every coordinate is an integer: round(degrees * 10). A land ring is closed implicitly (the
// first point is not repeated); the one hole in the 110m land (the Caspian Sea) is an ordinary
// ring too, so draw all land rings as one path with fill-rule="evenodd". Borders are the
// country mesh with a !== b, so each shared border appears once (no coastlines). Rings that
// cross the antimeridian (Chukotka, Wrangel Island, Fiji) are cut at ±180 into two rings;
// Antarctica (rings wholly south of 60°S) is left out. If the file exceeded MAX_BYTES, the
// script would simplify with Douglas-Peucker at increasing tolerances until it fits.

import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const WORLD_ATLAS = "2.0.2";
const TOPOJSON_CLIENT = "3.1.0";
const SCALE = 10;
const MAX_BYTES = 150_000;

const npmDir = process.argv[2] || process.env.BASEMAP_NPM_DIR;
if (!npmDir) {
  console.error("usage: node convert.mjs <dir with node_modules/world-atlas and topojson-client>");
  process.exit(2);
}
const require = createRequire(join(resolve(npmDir), "node_modules", "_.js"));
for (const [name, want] of [["world-atlas", WORLD_ATLAS], ["topojson-client", TOPOJSON_CLIENT]]) {
  const got = require(`${name}/package.json`).version;
  if (got !== want) {
    console.error(`${name} is ${got}, expected ${want}`);
    process.exit(1);
  }
}
const topojson = require("topojson-client");
const landTopo = require("world-atlas/land-110m.json");
const countriesTopo = require("world-atlas/countries-110m.json");

// ---- geometry helpers (coordinates in degrees until `quantize`) ----

// Make longitudes continuous along the path (each step within ±180°).
function unwrap(pts) {
  const out = [pts[0].slice()];
  for (let i = 1; i < pts.length; i++) {
    let dx = pts[i][0] - pts[i - 1][0];
    if (dx > 180) dx -= 360;
    else if (dx < -180) dx += 360;
    out.push([out[i - 1][0] + dx, pts[i][1]]);
  }
  return out;
}

// Sutherland-Hodgman clip of a closed ring (no repeated end point) to one side of x = cut.
function clipRing(ring, cut, keepLeft) {
  const inside = (p) => (keepLeft ? p[0] <= cut : p[0] >= cut);
  const out = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[(i + ring.length - 1) % ring.length];
    const b = ring[i];
    const ia = inside(a), ib = inside(b);
    if (ia !== ib) {
      const t = (cut - a[0]) / (b[0] - a[0]);
      out.push([cut, a[1] + t * (b[1] - a[1])]);
    }
    if (ib) out.push(b);
  }
  return out;
}

const shift = (ring, dx) => ring.map(([x, y]) => [x + dx, y]);

// A ring (closed, end point dropped) -> one or two rings within [-180, 180].
function splitRingAtAntimeridian(ring) {
  const jumps = ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);
  if (!jumps) return [ring];
  const u = unwrap(ring);
  const xs = u.map((p) => p[0]);
  const min = Math.min(...xs), max = Math.max(...xs);
  const cut = max > 180 ? 180 : min < -180 ? -180 : null;
  if (cut === null) return [u];
  const west = clipRing(u, cut, true);
  const east = clipRing(u, cut, false);
  // Bring both halves back into [-180, 180].
  return cut === 180 ? [west, shift(east, -360)] : [shift(west, 360), east];
}

// A polyline -> pieces, split wherever a step jumps more than 180° in longitude.
function splitLineAtAntimeridian(line) {
  const pieces = [[line[0]]];
  for (let i = 1; i < line.length; i++) {
    if (Math.abs(line[i][0] - line[i - 1][0]) > 180) pieces.push([]);
    pieces[pieces.length - 1].push(line[i]);
  }
  return pieces;
}

// Degrees -> integer tenths, dropping consecutive duplicates (and, for rings, a last
// point equal to the first).
function quantize(pts, closed) {
  const out = [];
  for (const [x, y] of pts) {
    const q = [Math.round(x * SCALE), Math.round(y * SCALE)];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  if (closed) {
    while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  }
  return out;
}

function distinct(pts) {
  return new Set(pts.map((p) => p[0] + "," + p[1])).size;
}

// Douglas-Peucker on integer points; tolerance in tenths of a degree.
function segDist2(p, a, b) {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  const ex = a[0] + t * dx - p[0], ey = a[1] + t * dy - p[1];
  return ex * ex + ey * ey;
}
function dp(pts, tol) {
  if (tol <= 0 || pts.length < 3) return pts;
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack = [[0, pts.length - 1]];
  const tol2 = tol * tol;
  while (stack.length) {
    const [i, j] = stack.pop();
    let best = -1, bestD = tol2;
    for (let k = i + 1; k < j; k++) {
      const d = segDist2(pts[k], pts[i], pts[j]);
      if (d > bestD) { bestD = d; best = k; }
    }
    if (best >= 0) {
      keep[best] = 1;
      stack.push([i, best], [best, j]);
    }
  }
  return pts.filter((_, k) => keep[k]);
}
// Rings: split at the point farthest from the first, simplify both halves.
function dpRing(ring, tol) {
  if (tol <= 0 || ring.length < 4) return ring;
  let far = 0, farD = -1;
  for (let k = 1; k < ring.length; k++) {
    const d = (ring[k][0] - ring[0][0]) ** 2 + (ring[k][1] - ring[0][1]) ** 2;
    if (d > farD) { farD = d; far = k; }
  }
  const a = dp(ring.slice(0, far + 1), tol);
  const b = dp(ring.slice(far).concat([ring[0]]), tol);
  return a.concat(b.slice(1, -1));
}

// ---- land ----

const landRings = []; // degrees, closed implicitly
const landFc = topojson.feature(landTopo, landTopo.objects.land);
for (const f of landFc.features) {
  const g = f.geometry;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  for (const poly of polys) {
    for (const ring of poly) {
      const open = ring.slice(0, -1); // GeoJSON rings repeat the first point
      if (open.every(([, lat]) => lat < -60)) continue; // Antarctica
      landRings.push(...splitRingAtAntimeridian(open));
    }
  }
}

// ---- borders ----

const mesh = topojson.mesh(countriesTopo, countriesTopo.objects.countries, (a, b) => a !== b);
const borderLines = [];
for (const line of mesh.coordinates) borderLines.push(...splitLineAtAntimeridian(line));

// ---- assemble, simplifying only if needed ----

const landQ = landRings.map((r) => quantize(r, true));
const bordersQ = borderLines.map((l) => quantize(l, false));

function build(tol) {
  const land = landQ.map((r) => dpRing(r, tol)).filter((r) => distinct(r) >= 3);
  const borders = bordersQ.map((l) => dp(l, tol)).filter((l) => distinct(l) >= 2);
  const doc = {
    source: `Natural Earth 1:110m via world-atlas ${WORLD_ATLAS}`,
    licence: "public domain (Natural Earth)",
    scale: SCALE,
    land: land.map((r) => r.flat()),
    borders: borders.map((l) => l.flat()),
  };
  return { json: JSON.stringify(doc), land, borders };
}

let tol = 0;
let out = build(tol);
while (Buffer.byteLength(out.json) > MAX_BYTES) {
  tol = tol ? tol * 1.5 : 1;
  out = build(tol);
}

const here = dirname(fileURLToPath(import.meta.url));
const target = process.env.BASEMAP_OUT || join(here, "world.json");
writeFileSync(target, out.json);
const count = (xs) => xs.reduce((n, x) => n + x.length, 0);
console.log(
  `${target}: ${Buffer.byteLength(out.json)} bytes, tolerance ${tol} tenths of a degree; ` +
    `land ${out.land.length} rings / ${count(out.land)} points, ` +
    `borders ${out.borders.length} lines / ${count(out.borders)} points`,
);
