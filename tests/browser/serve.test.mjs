// Live reload in a real browser: `marsad serve` on a copy of the portal, headless Chromium
// on one of its pages, then edits on disk. Run by tests/run.sh with MARSAD_BIN (the built
// binary) and PORTAL_DIR (a scratch copy of the portal this test may edit).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { launchChromium } from "./chromium.mjs";


// How long an event may take to show, sized for a loaded 2-core machine (tests/run.sh runs
// these tests once more beside two CPU hogs). Every wait returns as soon as its event
// happens: a generous budget costs nothing when things are quick.
const BUDGET = 60000;

const BIN = process.env.MARSAD_BIN;
const ROOT = process.env.PORTAL_DIR;
assert.ok(BIN && ROOT, "MARSAD_BIN and PORTAL_DIR must be set");

let server, browser, url;
const BRIEFING = path.join(ROOT, "content/en/strong-cities-conference-mena-rabat.md");

before(async () => {
  server = spawn(BIN, ["serve", "--root", ROOT, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  url = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      // What the server says about each rebuild goes to the test's output, for a failure.
      process.stderr.write(`serve: ${d}`);
      out += d;
      const m = out.match(/http:\/\/\S+/);
      if (m) resolve(m[0]);
    });
    server.on("exit", (code) => reject(new Error("marsad serve exited with " + code)));
  });
  browser = await launchChromium();
  // Every page of these tests waits at most BUDGET for anything (Playwright's actions wait
  // without limit by default, so a missed event would hang the file until its timeout).
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    context.setDefaultTimeout(BUDGET);
    return context;
  };
});

after(async () => {
  await browser?.close();
  server?.kill();
});

async function status() {
  return (await fetch(new URL("/__marsad/status", url))).json();
}

// Polls `condition` until it holds, within BUDGET.
async function waitFor(condition) {
  const deadline = Date.now() + BUDGET;
  while (!(await condition())) {
    assert.ok(Date.now() < deadline, "timed out waiting for the server");
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function openBriefing() {
  const page = await browser.newPage();
  page.setDefaultTimeout(BUDGET);
  await page.goto(url + "en/strong-cities-conference-mena-rabat/");
  await page.waitForFunction(() => window.marsadConnected === true, null, { timeout: BUDGET });
  return page;
}

test("an edited briefing reloads the open page", async () => {
  const page = await openBriefing();
  await page.evaluate(() => { window.marsadMarker = "before"; });
  const original = fs.readFileSync(BRIEFING, "utf8");
  fs.writeFileSync(BRIEFING, original.replace("Morocco Holds Strong Cities Conference in the MENA Region", "Live reload works"));
  await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Live reload works", null, { timeout: BUDGET });
  assert.equal(await page.evaluate(() => window.marsadMarker), undefined, "the page was reloaded");
  fs.writeFileSync(BRIEFING, original);
  await page.waitForFunction(() => document.querySelector("h1")?.textContent.startsWith("Morocco Holds"), null, { timeout: BUDGET });
  await page.close();
});

test("a stylesheet change is swapped in without reloading", async () => {
  const page = await openBriefing();
  await page.evaluate(() => { window.marsadMarker = "kept"; });
  const css = path.join(ROOT, "static/style.css");
  const original = fs.readFileSync(css, "utf8");
  fs.writeFileSync(css, original + "\nbody { border-inline-start: 7px solid rgb(1, 2, 3); }\n");
  await page.waitForFunction(() => getComputedStyle(document.body).borderInlineStartWidth === "7px", null, { timeout: BUDGET });
  assert.equal(await page.evaluate(() => window.marsadMarker), "kept", "no full reload for CSS");
  fs.writeFileSync(css, original);
  await page.waitForFunction(() => getComputedStyle(document.body).borderInlineStartWidth === "0px", null, { timeout: BUDGET });
  await page.close();
});

test("a build error shows over the page and clears when fixed", async () => {
  const page = await openBriefing();
  const broken = path.join(ROOT, "content/en/broken.md");
  fs.writeFileSync(broken, "---\ntitle: Broken\nauthor: nobody\n---\n");
  const overlay = page.locator("#marsad-error-overlay");
  await overlay.waitFor({ state: "visible", timeout: BUDGET });
  const text = await overlay.textContent();
  assert.match(text, /content\/en\/broken\.md:3:1/);
  assert.match(text, /unknown field `author`/);
  // The last good page is still there underneath.
  assert.ok((await page.locator("h1").first().textContent()).startsWith("Morocco Holds"));
  fs.unlinkSync(broken);
  await overlay.waitFor({ state: "detached", timeout: BUDGET });
  await page.close();
});

test("twenty open tabs share one event stream, and all of them reload", async () => {
  // Browsers allow six HTTP/1.1 connections per host: with a stream per tab, the seventh
  // tab of the preview never loaded. Tabs of one browser share a context.
  const streams = async () => (await status()).event_streams;
  // Streams of pages closed by earlier tests are only noticed at the next event: a ceiling.
  const before = await streams();
  const context = await browser.newContext();
  const pages = [];
  for (let i = 0; i < 20; i++) {
    const page = await context.newPage();
    await page.goto(url + "en/strong-cities-conference-mena-rabat/", { timeout: BUDGET });
    await page.waitForFunction(() => window.marsadConnected === true, null, { timeout: BUDGET });
    await page.evaluate(() => { window.marsadMarker = "before"; });
    pages.push(page);
  }
  const open = await streams();
  assert.ok(open <= before + 1, `event streams: ${before} before the tabs, ${open} with twenty open`);
  const original = fs.readFileSync(BRIEFING, "utf8");
  fs.writeFileSync(BRIEFING, original.replace("Morocco Holds Strong Cities Conference in the MENA Region", "Twenty tabs"));
  try {
    for (const page of pages) {
      await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Twenty tabs", null, { timeout: BUDGET });
    }
  } finally {
    fs.writeFileSync(BRIEFING, original);
  }
  await context.close();
});

test("an edit reloads the tabs whose page changed, not the others", async () => {
  // A text edit's follow-up changes other pages after the first reload; a tab reloads only
  // when its own page is among the changed ones.
  const context = await browser.newContext();
  const edited = await context.newPage();
  await edited.goto(url + "en/strong-cities-conference-mena-rabat/");
  const other = await context.newPage();
  await other.goto(url + "ar/search/");
  for (const page of [edited, other]) {
    await page.waitForFunction(() => window.marsadConnected === true, null, { timeout: BUDGET });
    await page.evaluate(() => { window.marsadMarker = "kept"; });
  }
  const original = fs.readFileSync(BRIEFING, "utf8");
  const generation = (await status()).generation;
  fs.writeFileSync(BRIEFING, original.replace("Morocco Holds Strong Cities Conference in the MENA Region", "Only mine"));
  try {
    await edited.waitForFunction(() => document.querySelector("h1")?.textContent === "Only mine", null, { timeout: BUDGET });
    // Past the follow-up (every view compared, the search index: the server counts a
    // generation when it is done), the other tab is untouched.
    await waitFor(async () => (await status()).generation > generation);
    assert.equal(await other.evaluate(() => window.marsadMarker), "kept", "a tab whose page did not change was reloaded");
  } finally {
    fs.writeFileSync(BRIEFING, original);
  }
  await context.close();
});
