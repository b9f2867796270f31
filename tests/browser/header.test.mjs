// The page header in a real browser (issue 25), in English, French and Arabic: from 1024 px
// wide it is one row (the language switcher no longer falls to a second row with a dangling
// divider), and on a 390x844 phone it takes at most a fifth of the screen, with every entry
// still a real link or the search form and a visible focus outline. Measured on the built
// portal (SITE_DIR), as tests/run.sh runs it:
//   SITE_DIR=<built site> node --test tests/browser/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launchChromium } from "./chromium.mjs";
import { serveSite } from "./site-server.mjs";

const SITE = process.env.SITE_DIR;
assert.ok(SITE && fs.existsSync(path.join(SITE, "index.html")), "SITE_DIR must name a built portal");

// Every wait returns as soon as its event happens; the budget only bounds a missed one.
const BUDGET = 60000;
const LANGS = ["en", "fr", "ar"];
const PHONE = { width: 390, height: 844 };
const WIDE = [{ width: 1024, height: 768 }, { width: 1400, height: 900 }];

let server, browser;

before(async () => {
  server = await serveSite(SITE);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The header of `lang`'s home page at `viewport`: its height and each part's box. */
async function measure(lang, viewport) {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(BUDGET);
  await page.goto(`${server.origin}/${lang}/`);
  const m = await page.evaluate(() => {
    const box = (el) => {
      if (!el || !el.checkVisibility()) return null;
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const header = document.querySelector(".site-header");
    const parts = {};
    for (const name of ["site-title", "language-switcher", "site-nav", "site-search"]) {
      parts[name] = box(header.querySelector("." + name));
    }
    const rows = (sel) => new Set([...header.querySelectorAll(sel)]
      .filter((li) => getComputedStyle(li).display !== "none")
      .map((li) => Math.round(li.getBoundingClientRect().top))).size;
    return {
      height: header.getBoundingClientRect().height,
      parts,
      switcherRows: rows(".language-switcher li"),
      navRows: rows(".site-nav li"),
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      searchLink: box(header.querySelector(".nav-search a")),
      searchLinkName: header.querySelector(".nav-search a").textContent.trim(),
    };
  });
  await page.close();
  return m;
}

for (const lang of LANGS) {
  for (const viewport of WIDE) {
    test(`${lang} at ${viewport.width} px: the header is one row`, async () => {
      const m = await measure(lang, viewport);
      const shown = JSON.stringify(m);
      assert.equal(m.overflow, 0, `no sideways scrolling: ${shown}`);
      assert.equal(m.switcherRows, 1, `the language switcher on one line: ${shown}`);
      assert.equal(m.navRows, 1, `the navigation on one line: ${shown}`);
      assert.equal(m.searchLink, null, `the search box is shown, not the phone's search link: ${shown}`);
      // One row: every part overlaps every other vertically.
      const parts = Object.entries(m.parts);
      for (const [a, ba] of parts) {
        assert.ok(ba, `${a} is shown: ${shown}`);
        for (const [b, bb] of parts) {
          assert.ok(ba.top < bb.bottom && bb.top < ba.bottom, `${a} and ${b} share a row: ${shown}`);
        }
      }
      assert.ok(m.height <= 80, `one row is at most 80 px high, got ${m.height}: ${shown}`);
    });
  }

  test(`${lang} on a 390x844 phone: the header takes at most a fifth of the screen`, async () => {
    const m = await measure(lang, PHONE);
    const shown = JSON.stringify(m);
    assert.ok(m.height <= PHONE.height / 5, `${m.height} px > ${PHONE.height / 5}: ${shown}`);
    assert.equal(m.overflow, 0, `no sideways scrolling: ${shown}`);
    // Search stays one tap away: the box gives way to a link to the search page.
    assert.equal(m.parts["site-search"], null, shown);
    assert.ok(m.searchLink && m.searchLink.bottom - m.searchLink.top >= 24, `a search link of at least 24 px: ${shown}`);
    assert.ok(m.searchLinkName.length > 0, `the search link is named in words: ${shown}`);
    for (const [name, b] of Object.entries(m.parts)) {
      if (name !== "site-search") assert.ok(b, `${name} is shown: ${shown}`);
    }
  });
}

test("keyboard focus on the header's links is visible", async () => {
  const page = await browser.newPage({ viewport: PHONE });
  page.setDefaultTimeout(BUDGET);
  await page.goto(`${server.origin}/fr/`);
  const seen = [];
  // Tab from the top: the skip link, the title, the languages, the navigation.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    seen.push(await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return {
        inHeader: !!el.closest(".site-header"), tag: el.tagName, href: el.getAttribute("href"),
        outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
      };
    }));
  }
  await page.close();
  const header = seen.filter((s) => s.inHeader);
  assert.ok(header.length >= 9, `title, 3 languages, 6 navigation links: ${JSON.stringify(seen)}`);
  for (const s of header) {
    assert.equal(s.tag, "A", JSON.stringify(s));
    assert.ok(s.href, JSON.stringify(s));
    assert.ok(s.outline !== "none" && s.width >= 2, `a visible outline: ${JSON.stringify(s)}`);
  }
});
