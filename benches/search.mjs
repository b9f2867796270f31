// Search benchmark (not a test): marsad's search against Pagefind's on the same built site,
// in headless Chromium over loopback, served by a plain static server (no compression).
//
//   node benches/search.mjs [SIZE ...]          (default: 10000 100000)
//
// For each size: ../shared/bench/gencorpus.py writes the corpus on tmpfs; the site is a copy
// of this portal (site.toml, templates, static files, registry) with the corpus as content,
// built by the release binary (`marsad -v build`, timed with GNU time: the whole build, and
// the "build the search index" stage from its log). Pagefind runs on a copy of that same
// output (hard links; each briefing page's <main> marked data-pagefind-body, so Pagefind
// indexes the briefings, as marsad does, not the term and list pages), timed the same way.
// Then a fixed set of queries, each RUNS times in a fresh browser context (empty cache):
// - bytes: every response of the search (marsad: the client script and everything under
//   search/; Pagefind: everything under pagefind/), each awaited before it is counted,
//   until the results and their ten cards are shown and no request is in flight; raw as
//   served, and gzip (what a host that compresses would send: each response gzipped at
//   level 6, or as is when that is not smaller, as for marsad's and Pagefind's
//   already-compressed files);
// - cold: from the query to results shown (marsad: its data-query-ms; Pagefind: search()
//   and data() of the first ten results, on a page of the query's language, since Pagefind
//   searches only the index of the page's language), fetches included; warm: the same query
//   again on the same page.
// Prints medians (and the range over queries) per size, for a README table.
//
// Needs: python3, GNU time, Debian's chromium, playwright-core from ../shared/sitecheck, and
// Pagefind from npm in a scratch folder outside the repository:
//   (mkdir -p /dev/shm/pagefind && cd /dev/shm/pagefind && npm i pagefind@1.6)
// PAGEFIND names its binary (default /dev/shm/pagefind/node_modules/.bin/pagefind); WORK the
// scratch folder (default /dev/shm/marsad-search-bench, deleted at the end unless KEEP=1);
// MARSAD the binary (default $CARGO_TARGET_DIR/release/marsad, built by cargo first); RUNS
// the cold runs per query (default 3); PAGEFIND_MEM_GB Pagefind's address-space cap;
// PAGEFIND_UP_TO the largest size Pagefind is run at (default: every size).
import { spawnSync, execFileSync } from "node:child_process";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const here = path.dirname(new URL(import.meta.url).pathname);
const repo = path.resolve(here, "..");
const require = createRequire(path.resolve(repo, "../shared/sitecheck/package.json"));
const { chromium } = require("playwright-core");
const SIZES = process.argv.slice(2).map(Number);
if (SIZES.length === 0) SIZES.push(10000, 100000);
const WORK = process.env.WORK || "/dev/shm/marsad-search-bench";
const PAGEFIND = process.env.PAGEFIND || "/dev/shm/pagefind/node_modules/.bin/pagefind";
const RUNS = Number(process.env.RUNS || 3);
const target = process.env.CARGO_TARGET_DIR || path.join(repo, "target");
let MARSAD = process.env.MARSAD;
if (!MARSAD) {
  execFileSync("cargo", ["build", "--release", "--quiet"], { cwd: repo, stdio: "inherit" });
  MARSAD = path.join(path.resolve(repo, target), "release/marsad");
}
for (const tool of [MARSAD, PAGEFIND, "/usr/bin/time", "/usr/bin/chromium"]) {
  if (!fs.existsSync(tool)) { console.error(`benches/search.mjs: ${tool} not found (see the header)`); process.exit(2); }
}

// The fixed query set: keywords in each language, an actor by name in each script, a word
// with Arabic clitics, and two misspellings.
const QUERIES = [
  ["en", "security council"], ["fr", "sécurité"], ["ar", "الأمن"], ["en", "Karim Haddad"],
  ["ar", "كريم حداد"], ["ar", "والمفاوضات"], ["en", "negotiaton"], ["fr", "médaition"],
];

/** Runs a command under GNU time: wall seconds, peak RSS in MiB, stderr. */
function timed(cmd, args) {
  const r = spawnSync("/usr/bin/time", ["-v", cmd, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) return { ok: false, log: r.stderr.slice(-2000) };
  const field = (k) => r.stderr.match(new RegExp(k.replace(/[()]/g, "\\$&") + ":\\s*(.+)"))[1].trim();
  const [h, m, s] = ("0:" + field("Elapsed (wall clock) time (h:mm:ss or m:ss)")).split(":").slice(-3).map(Number);
  return { ok: true, wall: h * 3600 + m * 60 + s, rss: Number(field("Maximum resident set size (kbytes)")) / 1024, log: r.stderr };
}

/** Bytes and files under a folder. */
function folderSize(dir) {
  let bytes = 0, files = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) { bytes += fs.statSync(path.join(e.parentPath ?? e.path, e.name)).size; files++; }
  }
  return { bytes, files };
}

function serve(root) {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (p.endsWith("/")) p += "index.html";
    const file = path.join(root, path.normalize(p));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
    const ext = path.extname(file);
    const type = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json", ".css": "text/css", ".wasm": "application/wasm" }[ext] || "application/octet-stream";
    res.writeHead(200, { "content-type": type, "content-length": fs.statSync(file).size });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r(server)));
}

/** Counts, awaited, every response whose URL `counts` accepts, from now until `settled`. */
function traffic(page, counts) {
  const pending = new Set();
  const seen = { raw: 0, gzip: 0, files: 0 };
  page.on("response", (r) => {
    if (!counts(r.url())) return;
    const p = r.body().then((b) => {
      seen.raw += b.length;
      seen.gzip += Math.min(b.length, zlib.gzipSync(b, { level: 6 }).length);
      seen.files++;
    }).catch(() => {}).finally(() => pending.delete(p));
    pending.add(p);
  });
  return async () => {
    // Responses still arriving: wait until none is in flight, twice in a row.
    for (let quiet = 0; quiet < 2;) {
      if (pending.size) { quiet = 0; await Promise.all([...pending]); } else quiet++;
      await page.waitForLoadState("networkidle");
    }
    return { ...seen };
  };
}

async function marsadQuery(browser, origin, lang, q) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const done = traffic(page, (u) => u.includes("/search/") && !u.endsWith("/search/") && !u.includes("/search/?"));
  await page.goto(`${origin}/${lang}/search/`);
  const state = (query) => page.waitForFunction((qq) => {
    const root = document.getElementById("search");
    return root.dataset.state === "done" && root.dataset.query === qq;
  }, query, { timeout: 120000 });
  await state("");
  await page.locator("#search-input").fill(q);
  await state(q);
  const cold = Number(await page.evaluate(() => document.getElementById("search").dataset.queryMs));
  const results = Number(await page.evaluate(() => document.getElementById("search").dataset.results));
  const bytes = await done();
  await page.locator("#search-input").fill("");
  await state("");
  await page.locator("#search-input").fill(q);
  await state(q);
  const warm = Number(await page.evaluate(() => document.getElementById("search").dataset.queryMs));
  await context.close();
  return { cold, warm, results, bytes };
}

// Pagefind searches the index of the page's language only, so each query runs on a page of
// its own language.
const harness = (lang) => `<!DOCTYPE html><html lang="${lang}"><meta charset="utf-8"><title>pagefind</title><script type="module">
const pagefind = await import("/pagefind/pagefind.js");
await pagefind.options({ excerptLength: 30 });
window.run = async (q) => {
  const t = performance.now();
  const s = await pagefind.search(q);
  const shown = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
  return { ms: performance.now() - t, results: s.results.length, shown: shown.length };
};
window.ready = true;
</script>`;

async function pagefindQuery(browser, origin, lang, q) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const done = traffic(page, (u) => u.includes("/pagefind/"));
  await page.goto(`${origin}/pagefind-bench-${lang}.html`);
  await page.waitForFunction(() => window.ready === true);
  const cold = await page.evaluate((qq) => window.run(qq), q);
  const bytes = await done();
  const warm = await page.evaluate((qq) => window.run(qq), q);
  await context.close();
  return { cold: cold.ms, warm: warm.ms, results: cold.results, bytes };
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const kb = (n) => (n / 1000).toFixed(0);
const mb = (n) => (n / 1e6).toFixed(1);

fs.rmSync(WORK, { recursive: true, force: true });
fs.mkdirSync(WORK, { recursive: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
const report = [];
try {
  for (const size of SIZES) {
    const dir = path.join(WORK, String(size));
    const portal = path.join(dir, "portal"), site = path.join(dir, "site"), pfSite = path.join(dir, "pagefind-site");
    fs.mkdirSync(portal, { recursive: true });
    execFileSync("python3", [path.resolve(repo, "../shared/bench/gencorpus.py"), "--pages", String(size), "--out", path.join(dir, "corpus"), "--flavor", "marsad"], { stdio: "ignore" });
    for (const f of ["site.toml", "templates", "static"]) fs.cpSync(path.join(repo, f), path.join(portal, f), { recursive: true });
    fs.cpSync(path.join(repo, "content/_registry"), path.join(portal, "content/_registry"), { recursive: true });
    for (const l of ["en", "fr", "ar"]) fs.renameSync(path.join(dir, "corpus/content", l), path.join(portal, "content", l));
    fs.rmSync(path.join(dir, "corpus"), { recursive: true, force: true });

    const built = timed(MARSAD, ["-v", "build", "--root", portal, "--output-dir", site]);
    if (!built.ok) throw new Error("marsad build failed: " + built.log);
    const stage = built.log.match(/build the search index: \d+ items in (\d+) ms/);
    const index = folderSize(path.join(site, "search"));
    console.log(`${size}: marsad built in ${built.wall.toFixed(1)} s (search index ${stage?.[1]} ms), peak ${built.rss.toFixed(0)} MiB; index ${mb(index.bytes)} MB in ${index.files} files`);

    // Pagefind on a copy of the same output: hard links, briefing pages marked.
    execFileSync("cp", ["-al", site, pfSite]);
    let marked = 0;
    for (const l of ["en", "fr", "ar"]) {
      for (const slug of fs.readdirSync(path.join(pfSite, l))) {
        const file = path.join(pfSite, l, slug, "index.html");
        if (!fs.existsSync(file)) continue;
        const html = fs.readFileSync(file, "utf8");
        if (!html.includes('class="page-briefing"')) continue;
        fs.unlinkSync(file);
        fs.writeFileSync(file, html.replace('<main id="main"', '<main data-pagefind-body id="main"'));
        marked++;
      }
    }
    for (const l of ["en", "fr", "ar"]) fs.writeFileSync(path.join(pfSite, `pagefind-bench-${l}.html`), harness(l));
    // Pagefind's memory grows with the corpus: capped (PAGEFIND_MEM_GB, default 12) so that a
    // run on a shared machine fails rather than takes the others' memory.
    const pf = size > Number(process.env.PAGEFIND_UP_TO || Infinity) ? { ok: false, log: "not run (PAGEFIND_UP_TO)" } : timed("prlimit", [`--as=${Number(process.env.PAGEFIND_MEM_GB || 12) * 2 ** 30}`, PAGEFIND, "--site", pfSite]);
    const pfIndex = pf.ok ? folderSize(path.join(pfSite, "pagefind")) : null;
    console.log(pf.ok ? `${size}: pagefind indexed ${marked} pages in ${pf.wall.toFixed(1)} s, peak ${pf.rss.toFixed(0)} MiB; index ${mb(pfIndex.bytes)} MB in ${pfIndex.files} files`
      : `${size}: pagefind failed: ${pf.log}`);

    const row = { size, marsad: { build: built.wall, stage: Number(stage?.[1]), rss: built.rss, index, q: [] }, pagefind: pf.ok ? { build: pf.wall, rss: pf.rss, index: pfIndex, q: [] } : null };
    const server = await serve(path.resolve(pfSite));
    const origin = `http://127.0.0.1:${server.address().port}`;
    for (const [lang, q] of QUERIES) {
      for (const [tool, fn] of [["marsad", () => marsadQuery(browser, origin, lang, q)], ["pagefind", () => pagefindQuery(browser, origin, lang, q)]]) {
        if (!row[tool]) continue;
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await fn());
        const m = { q, results: runs[0].results, raw: median(runs.map((r) => r.bytes.raw)), gzip: median(runs.map((r) => r.bytes.gzip)),
          files: median(runs.map((r) => r.bytes.files)), cold: median(runs.map((r) => r.cold)), warm: median(runs.map((r) => r.warm)) };
        row[tool].q.push(m);
        console.log(`${size} ${tool.padEnd(8)} ${JSON.stringify(q).padEnd(20)} ${String(m.results).padStart(6)} results, first query ${kb(m.raw)} KB (gzip ${kb(m.gzip)} KB) in ${m.files} files, cold ${m.cold.toFixed(0)} ms, warm ${m.warm.toFixed(1)} ms`);
      }
    }
    server.close();
    report.push(row);
    if (process.env.KEEP !== "1") fs.rmSync(dir, { recursive: true, force: true });
  }
} finally {
  await browser.close();
  if (process.env.KEEP !== "1") fs.rmSync(WORK, { recursive: true, force: true });
}

// The README's table.
const range = (qs, k, f) => { const v = qs.map((x) => x[k]); return `${f(median(v))} (${f(Math.min(...v))}–${f(Math.max(...v))})`; };
console.log("\n| briefings | tool | index | files | build | first query raw | first query gzip | cold | warm |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of report) {
  for (const tool of ["marsad", "pagefind"]) {
    const t = r[tool];
    if (!t) { console.log(`| ${r.size.toLocaleString("en")} | Pagefind | failed | | | | | | |`); continue; }
    const build = tool === "marsad" ? `${t.build.toFixed(1)} s whole site (index ${(t.stage / 1000).toFixed(2)} s), ${t.rss.toFixed(0)} MiB` : `${t.build.toFixed(1)} s, ${t.rss.toFixed(0)} MiB`;
    console.log(`| ${r.size.toLocaleString("en")} | ${tool === "marsad" ? "marsad" : "Pagefind 1.6"} | ${mb(t.index.bytes)} MB | ${t.index.files.toLocaleString("en")} | ${build} | ${range(t.q, "raw", kb)} KB | ${range(t.q, "gzip", kb)} KB | ${range(t.q, "cold", (x) => x.toFixed(0))} ms | ${range(t.q, "warm", (x) => x.toFixed(1))} ms |`);
  }
}
