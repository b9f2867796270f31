// Load on the preview server (not a test; it prints figures):
//   node benches/load.mjs MARSAD_BIN SITE_DIR [SECONDS=10] [CLIENTS=200]
// SITE_DIR is a scratch copy of a site this script may edit (e.g. the portal, or a
// ../shared/bench/gencorpus.py corpus). Two phases, each bounded in time, loopback only:
// 1. CLIENTS concurrent keep-alive clients fetch pages as fast as they can for SECONDS while
//    a briefing is edited every 500 ms: requests per second, latency percentiles, errors.
// 2. 100 idle half-open connections (a request line and part of a header, never finished)
//    are held open while normal requests are made: how long each takes.
// 3. 1,000 reload event streams are requested and held (those past the server's cap are
//    answered 503 and closed) while normal requests are made: how long each takes.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import http from "node:http";
import { spawn } from "node:child_process";

const [BIN, SITE, SECONDS = "10", CLIENTS = "200"] = process.argv.slice(2);
if (!BIN || !SITE) {
  console.error("usage: node benches/load.mjs MARSAD_BIN SITE_DIR [SECONDS] [CLIENTS]");
  process.exit(2);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = spawn(BIN, ["serve", "--root", SITE, "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
const base = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (d) => { out += d; const m = out.match(/http:\/\/\S+/); if (m) resolve(m[0]); });
  server.on("exit", (code) => reject(new Error("marsad serve exited with " + code)));
});
const origin = new URL(base);

// Pages to fetch: every language's home, the briefings of content/en, the term indexes.
const briefings = fs.readdirSync(path.join(SITE, "content/en")).filter((f) => f.endsWith(".md")).sort();
const pages = ["en/", "fr/", "ar/", "en/topics/", "ar/actors/", "fr/places/", "style.css",
  ...briefings.slice(0, 50).map((f) => `en/${f.replace(/\.md$/, "")}/`)];
const edited = path.join(SITE, "content/en", briefings[0]);
const original = fs.readFileSync(edited, "utf8");

const agent = new http.Agent({ keepAlive: true, maxSockets: Number(CLIENTS) });
function fetchOnce(p) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.get({ host: origin.hostname, port: origin.port, path: origin.pathname + p, agent }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve({ ok: res.statusCode === 200, ms: performance.now() - started }));
    });
    req.setTimeout(10000, () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ ok: false, ms: performance.now() - started }));
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

// Phase 1: load while edits land.
await sleep(500);
const until = performance.now() + Number(SECONDS) * 1000;
let edits = 0;
const editing = (async () => {
  while (performance.now() < until) {
    await sleep(500);
    fs.writeFileSync(edited, original.replace(/\n\n(\S)/, `\n\nload-edit-${edits} $1`));
    edits++;
  }
})();
const latencies = [];
let errors = 0;
const clients = Array.from({ length: Number(CLIENTS) }, async (_, c) => {
  let i = c;
  while (performance.now() < until) {
    const r = await fetchOnce(pages[i++ % pages.length]);
    latencies.push(r.ms);
    if (!r.ok) errors++;
  }
});
await Promise.all([...clients, editing]);
fs.writeFileSync(edited, original);
agent.destroy();
latencies.sort((a, b) => a - b);
console.log(`load: ${CLIENTS} clients for ${SECONDS} s, ${edits} edits: ${latencies.length} requests, ` +
  `${(latencies.length / Number(SECONDS)).toFixed(0)} req/s, p50 ${percentile(latencies, 0.5).toFixed(1)} ms, ` +
  `p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms, errors ${errors}`);

// Phase 2: half-open connections held while normal requests are made.
await sleep(1500);
const idle = [];
for (let i = 0; i < 100; i++) {
  const s = net.connect(Number(origin.port), origin.hostname);
  s.on("error", () => {});
  s.write(`GET ${origin.pathname}en/ HTTP/1.1\r\nHost: ${origin.host}\r\nX-Slow: `);
  idle.push(s);
}
await sleep(500);
const plain = new http.Agent({ keepAlive: false });
const times = [];
let failed = 0;
for (let i = 0; i < 20; i++) {
  const r = await new Promise((resolve) => {
    const started = performance.now();
    const req = http.get({ host: origin.hostname, port: origin.port, path: origin.pathname + "en/", agent: plain }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve({ ok: res.statusCode === 200, ms: performance.now() - started }));
    });
    req.setTimeout(5000, () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ ok: false, ms: performance.now() - started }));
  });
  times.push(r.ms);
  if (!r.ok) failed++;
}
idle.forEach((s) => s.destroy());
times.sort((a, b) => a - b);
console.log(`half-open: 100 idle connections held; 20 requests: median ${percentile(times, 0.5).toFixed(1)} ms, ` +
  `max ${times[times.length - 1].toFixed(1)} ms, failed ${failed}`);

// Phase 3: 1,000 event streams requested and held open.
await sleep(500);
const streams = [];
const answered = { ok: 0, refused: 0, other: 0 };
await Promise.all(Array.from({ length: 1000 }, () => new Promise((resolve) => {
  const s = net.connect(Number(origin.port), origin.hostname);
  streams.push(s);
  let head = "";
  s.on("error", () => { answered.other++; resolve(); });
  s.on("data", (d) => {
    if (head.includes("\r\n")) return;
    head += d;
    if (!head.includes("\r\n")) return;
    if (head.startsWith("HTTP/1.1 200")) answered.ok++;
    else if (head.startsWith("HTTP/1.1 503")) answered.refused++;
    else answered.other++;
    resolve();
  });
  s.write(`GET /__marsad/events HTTP/1.1\r\nHost: ${origin.host}\r\n\r\n`);
})));
const pageTimes = [];
let pageFailed = 0;
for (let i = 0; i < 20; i++) {
  const r = await new Promise((resolve) => {
    const started = performance.now();
    const req = http.get({ host: origin.hostname, port: origin.port, path: origin.pathname + "en/", agent: plain }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve({ ok: res.statusCode === 200, ms: performance.now() - started }));
    });
    req.setTimeout(5000, () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ ok: false, ms: performance.now() - started }));
  });
  pageTimes.push(r.ms);
  if (!r.ok) pageFailed++;
}
streams.forEach((s) => s.destroy());
pageTimes.sort((a, b) => a - b);
console.log(`event streams: 1,000 requested (${answered.ok} open, ${answered.refused} refused with 503, ${answered.other} other); ` +
  `20 page requests: median ${percentile(pageTimes, 0.5).toFixed(1)} ms, max ${pageTimes[pageTimes.length - 1].toFixed(1)} ms, failed ${pageFailed}`);
server.kill();
