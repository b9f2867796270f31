// Search benchmark (not a test): in headless Chromium, on a built site, measures for a few
// queries the bytes the first query downloads and the time the client takes to answer
// (data-query-ms: from the query's start to results shown; "cold" fetches the manifest,
// shards and document chunks over loopback, "warm" repeats the query with them cached).
// Prints medians.
//   node benches/search.mjs SITE_DIR
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(path.resolve(here, "../../shared/sitecheck/package.json"));
const { chromium } = require("playwright-core");
const SITE = process.argv[2];

const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (p.endsWith("/")) p += "index.html";
  const file = path.join(SITE, path.normalize(p));
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "content-type": p.endsWith(".html") ? "text/html; charset=utf-8" : p.endsWith(".js") ? "text/javascript" : "application/json" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });

const queries = [["en", "security council"], ["fr", "sécurité"], ["ar", "الأمن"], ["en", "Karim Haddad"], ["ar", "مفاوضات"]];
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
for (const [lang, q] of queries) {
  const cold = [], warm = [], bytes = [];
  for (let run = 0; run < 5; run++) {
    const page = await browser.newPage();
    let downloaded = 0;
    page.on("response", async (r) => { if (r.url().includes("/search/") && r.url().endsWith(".json")) downloaded += (await r.body()).length; });
    await page.goto(`${origin}/${lang}/search/`);
    await page.waitForFunction(() => document.getElementById("search").dataset.state === "done");
    await page.locator("#search-input").fill(q);
    await page.waitForFunction(() => document.getElementById("search").dataset.state === "done");
    cold.push(Number(await page.evaluate(() => document.getElementById("search").dataset.queryMs)));
    bytes.push(downloaded);
    await page.locator("#search-input").fill("");
    await page.waitForFunction(() => document.getElementById("search").dataset.state === "done");
    await page.locator("#search-input").fill(q);
    await page.waitForFunction(() => document.getElementById("search").dataset.state === "done");
    warm.push(Number(await page.evaluate(() => document.getElementById("search").dataset.queryMs)));
    const n = await page.evaluate(() => document.getElementById("search").dataset.results);
    if (run === 0) process.stdout.write(`${lang} "${q}": ${n} results, `);
    await page.close();
  }
  console.log(`first query downloads ${(median(bytes) / 1024).toFixed(0)} KiB, answered in ${median(cold).toFixed(0)} ms cold (index fetched), ${median(warm).toFixed(1)} ms warm (median of 5)`);
}
await browser.close();
server.close();
