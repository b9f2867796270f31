// Search in a real browser: types queries into the search boxes of a built portal in
// headless Chromium and checks the results. Run by tests/run.sh as
//   SITE_DIR=<built site> node --test tests/browser/
// playwright-core comes from ../shared/sitecheck (installed there by its install.sh) and
// drives Debian's /usr/bin/chromium; no browser is downloaded.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launchChromium } from "./chromium.mjs";
import { serveSite } from "./site-server.mjs";


const SITE = process.env.SITE_DIR;
assert.ok(SITE && fs.existsSync(path.join(SITE, "index.html")), "SITE_DIR must name a built portal");

let server, browser, origin;

before(async () => {
  server = await serveSite(SITE);
  origin = server.origin;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Types `query` into the search page of `lang` and returns what the results show. */
async function search(lang, query) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${origin}/${lang}/search/`);
  await page.locator("#search-input").fill("");
  await page.locator("#search-input").pressSequentially(query, { delay: 5 });
  await page.waitForFunction(() => document.getElementById("search").dataset.state === "done" &&
    !document.getElementById("search").dataset.error);
  await page.waitForTimeout(150); // let the debounced query of the last keystroke land
  await page.waitForFunction(() => document.getElementById("search").dataset.state === "done");
  const result = await page.evaluate(() => ({
    items: Array.from(document.querySelectorAll("#search-results > li")).map((li) => ({
      lang: li.lang, dir: li.dir, title: li.querySelector("h2").textContent,
      marks: Array.from(li.querySelectorAll("mark")).map((m) => m.textContent),
      date: li.querySelector(".meta > span").textContent,
      images: li.querySelectorAll("img, script").length,
    })),
    empty: document.getElementById("search-empty").hidden ? null : document.getElementById("search-empty").textContent,
    error: document.getElementById("search").dataset.error || null,
  }));
  await page.close();
  assert.deepEqual(errors, []);
  assert.equal(result.error, null);
  return result;
}

test("an English query finds the English briefing and highlights the word", async () => {
  const r = await search("en", "Sahel security");
  const ampcc = r.items.find((i) => i.title.startsWith("AMPCC President"));
  assert.ok(ampcc, JSON.stringify(r.items));
  assert.equal(ampcc.lang, "en");
  assert.ok(ampcc.marks.some((m) => m.toLowerCase() === "sahel"), JSON.stringify(ampcc.marks));
});

test("a French query typed without accents finds the French briefing", async () => {
  const r = await search("fr", "dialogue strategique");
  assert.equal(r.items[0]?.lang, "fr", JSON.stringify(r.items));
  assert.ok(r.items[0].title.includes("Dialogue stratégique"));
  assert.ok(r.items[0].marks.includes("stratégique"), JSON.stringify(r.items[0].marks));
  // Dates are written the way the interface language writes them.
  assert.equal(r.items[0].date, "septembre 2024");
});

test("an Arabic query without the article and with another hamza finds the Arabic briefing", async () => {
  for (const q of ["أرهاب", "ارهاب أكادير", "منصه مراكش", "وكالات مكافحة"]) {
    const r = await search("ar", q);
    const ar = r.items.find((i) => i.lang === "ar");
    assert.ok(ar, `${q}: ${JSON.stringify(r.items)}`);
    assert.equal(ar.dir, "rtl");
    assert.equal(ar.date, "غير مؤرخ");
  }
});

test("a query typed in Arabic presentation forms finds the Marrakech Platform briefing", async () => {
  // ﻣﺮﺍﻛﺶ is مراكش as text copied from a PDF keeps it: one presentation form per letter
  // (U+FEE3 U+FEAE U+FE8D U+FEDB U+FEB6), which only NFKD folds to the letters (issue 10).
  for (const q of ["ﻣﺮﺍﻛﺶ", "ﻣﻨﺼﺔ ﻣﺮﺍﻛﺶ"]) {
    const r = await search("ar", q);
    const hit = r.items.find((i) => i.lang === "ar" && i.title.includes("منصة مراكش"));
    assert.ok(hit, `${q}: ${JSON.stringify(r.items)}`);
    assert.ok(hit.marks.includes("مراكش"), `${q}: ${JSON.stringify(hit.marks)}`);
  }
});

test("an actor is found by an alias spelling", async () => {
  // The registry knows Mounir Lymouri also as Mounir Lemouri; the AMPCC briefing only says
  // "Lymouri" in its text.
  const r = await search("en", "Lemouri");
  const titles = r.items.map((i) => i.title);
  assert.ok(titles.some((t) => t.startsWith("AMPCC President")), JSON.stringify(titles));
  assert.ok(titles.some((t) => t.startsWith("Morocco Holds Strong Cities")), JSON.stringify(titles));
  const chekkori = await search("fr", "Chakouri");
  assert.ok(chekkori.items.some((i) => i.title.startsWith("U.S.-Morocco")), JSON.stringify(chekkori.items));
});

test("no result shows the empty state in each language", async () => {
  const expected = {
    en: "No briefing matches your search.",
    fr: "Aucune note ne correspond à votre recherche.",
    ar: "لا يوجد موجز يطابق بحثك.",
  };
  for (const [lang, text] of Object.entries(expected)) {
    const r = await search(lang, "zzqxwv");
    assert.equal(r.items.length, 0);
    assert.equal(r.empty, text);
  }
});

test("search data cannot inject markup", async () => {
  const r = await search("en", "onerror");
  const item = r.items.find((i) => i.title.includes("<img"));
  assert.ok(item, "the escape-test briefing must be found: " + JSON.stringify(r.items));
  assert.equal(item.images, 0);
});

test("the header search box on any page leads to results", async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/ar/`);
  await page.locator("#site-search-q").fill("الحموشي");
  await page.locator("#site-search-q").press("Enter");
  await page.waitForURL(/\/ar\/search\/\?q=/);
  await page.waitForFunction(() => document.getElementById("search").dataset.state === "done");
  const langs = await page.evaluate(() => Array.from(document.querySelectorAll("#search-results > li")).map((li) => li.lang));
  assert.deepEqual(langs, ["ar"]);
  await page.close();
});

test("a page whose client the index was not built for says so instead of searching", async () => {
  // What a reader sees after a deploy when the page (and so its client) came from a cache:
  // the manifest names another client.
  const page = await browser.newPage();
  await page.route("**/search/index.json", async (route) => {
    const response = await route.fetch();
    const manifest = await response.json();
    manifest.client = "search.000000000000.js";
    await route.fulfill({ response, json: manifest });
  });
  await page.goto(`${origin}/en/search/?q=Sahel`);
  await page.waitForFunction(() => document.getElementById("search").dataset.error);
  const r = await page.evaluate(() => ({
    stale: document.getElementById("search-stale").hidden ? null : document.getElementById("search-stale").textContent,
    results: document.querySelectorAll("#search-results > li").length,
  }));
  assert.equal(r.stale, "The portal has just been updated: reload this page to search it.");
  assert.equal(r.results, 0);
  await page.close();
});
