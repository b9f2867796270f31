// The browser search client folds text as src/fold.rs does: both are checked against one
// table of cases, tests/fixtures/fold_cases.json (the Rust side in src/fold.rs's tests).
// The client is taken from a real build (MARSAD_BIN builds tests/fixtures/mixed), so what is
// checked is the served search.js with the folding tables marsad generated into it.
// Run by tests/run.sh as
//   MARSAD_BIN=<marsad binary> node --test tests/node/
// No browser needed: the client hands out its folding when loaded outside a page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = process.env.MARSAD_BIN;
assert.ok(BIN, "MARSAD_BIN must name a built marsad binary");

/** Builds the fixture site and loads its served search client outside a page. */
function servedClient() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "marsad-fold-"));
  try {
    const out = path.join(tmp, "site");
    execFileSync(BIN, ["build", "--quiet", "--root", path.join(REPO, "tests/fixtures/mixed"), "--output-dir", out],
      { stdio: ["ignore", "ignore", "inherit"] });
    // The client's file is named by its hash; the manifest names the one it was built for.
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "search/index.json"), "utf8"));
    const source = fs.readFileSync(path.join(out, "search", manifest.client), "utf8");
    const context = {};
    vm.runInNewContext(source, context);
    assert.ok(context.marsadFold, "search.js must hand out its folding outside a page");
    return context.marsadFold;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const cases = JSON.parse(fs.readFileSync(path.join(REPO, "tests/fixtures/fold_cases.json"), "utf8"));
const client = servedClient();

test("the case table is the one the Rust tests read, and not trivially small", () => {
  assert.ok(cases.length >= 30, `${cases.length} cases`);
  assert.ok(cases.some((c) => /[\uFB50-\uFDFF\uFE70-\uFEFF]/u.test(c.input)), "presentation forms are covered");
});

for (const c of cases) {
  test(`client folds ${JSON.stringify(c.input)} to ${JSON.stringify(c.search)}`, () => {
    const folded = client.words(c.input).map(client.fold);
    assert.equal(folded.join(" "), c.search);
    if (c.forms) assert.deepEqual(Array.from(client.forms(client.fold(c.input))), c.forms);
  });
}

// Issue 24: the typo rules of the served client. One edit (a swap of neighbours counts as
// one) from five letters, two from nine; never a clitic taken for a typo.
test("typo budget: none under five letters, one from five, two from nine", () => {
  assert.deepEqual([4, 5, 8, 9, 12].map(client.typoBudget), [0, 1, 1, 2, 2]);
});

test("edit distance counts a swap of neighbours as one edit", () => {
  const d = (a, b, max) => client.editDistance(Array.from(a), Array.from(b), max);
  assert.equal(d("sahelain", "sahelian", 2), 1);
  assert.equal(d("millenium", "millennium", 2), 1);
  assert.equal(d("rosnad", "rosand", 1), 1);
  assert.equal(d("saxophone", "security", 2), 3); // capped at max + 1
});

test("typo candidates: nearest first, within the budget, never across a clitic", () => {
  const f = (w) => client.fold(w);
  assert.deepEqual(Array.from(client.typoCandidates(f("polarisation"), ["polarization", "polarity"])), ["polarization"]);
  // و + مكافحة is the word with a clitic, which the folding's rules handle: not a typo.
  assert.deepEqual(Array.from(client.typoCandidates(f("مكافحة"), [f("ومكافحة"), f("مكافحت")])), [f("مكافحت")]);
  assert.ok(client.crossesClitic(f("رباط"), f("الرباط")));
  // The form typos are looked for under is the word without its clitics.
  assert.equal(client.typoForm(Array.from(client.forms(f("الحموسي")))), f("حموسي"));
  assert.deepEqual(Array.from(client.typoCandidates(f("sahl"), ["sahel"])), []);
});
