// Edit-to-served latency (not a test): how long after saving a briefing the served site
// shows the edit, for `marsad serve` and `hugo server` on the same corpus, debounce included.
//   node benches/serve.mjs MARSAD_BIN MARSAD_SITE HUGO_BIN HUGO_SITE [EDITS_PER_KIND]
// MARSAD_SITE is the portal with a ../shared/bench/gencorpus.py corpus as content, HUGO_SITE
// the same corpus's hugo flavor. Each server runs alone. Kinds of edit, each on one English
// briefing, each polled over HTTP every 2 ms until the served site shows it:
//   text     a marker in the body                 -> the marker is on the briefing's page
//   date     a new date (a year no other has)     -> the year is on the briefing's page
//   topic    a new topic added to its list        -> the new topic's page answers 200
//   actor    a new actor added                    -> the new actor's page answers 200
//   place    a new place added                    -> the new place's page answers 200
//   add      a new briefing file                  -> its page answers 200
//   delete   that file removed                    -> its page answers 404
// Prints the median per kind.
import fs from "node:fs";
import path from "node:path";
import http from "node:http";
import { spawn } from "node:child_process";

const [MARSAD, MSITE, HUGO, HSITE, N = "5"] = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const get = (url) => new Promise((resolve) => {
  http.get(url, (res) => { let b = ""; res.setEncoding("utf8"); res.on("data", (d) => (b += d)); res.on("end", () => resolve({ status: res.statusCode, body: b })); })
    .on("error", () => resolve({ status: 0, body: "" }));
});
const TIMEOUT_MS = 60_000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// What each kind writes, and how to tell it is served. `site` knows the tool's URL layout.
const KINDS = {
  text: (t, i) => ({ text: t.replace(/\n\n(\S)/, `\n\nedit-marker-${i} $1`), until: async (s) => (await get(s.page)).body.includes(`edit-marker-${i}`) }),
  date: (t, i) => ({ text: t.replace(/^date: .*$/m, `date: ${2040 + i}-06-15`), until: async (s) => (await get(s.page)).body.includes(`${2040 + i}`) }),
  topic: (t, i) => ({ text: t.replace(/^topics:\n/m, `topics:\n  - "bench-topic-${i}"\n`), until: async (s) => (await get(s.term("topics", `bench-topic-${i}`))).status === 200 }),
  actor: (t, i) => ({ text: t.replace(/^actors:\n/m, `actors:\n  - "Bench Actor ${i}"\n`), until: async (s) => (await get(s.term("actors", `bench-actor-${i}`))).status === 200 }),
  place: (t, i) => ({ text: t.replace(/^places:\n/m, `places:\n  - "Bench Place ${i}"\n`), until: async (s) => (await get(s.term("places", `bench-place-${i}`))).status === 200 }),
};

async function run(name, cmd, args, urlOf, dir, pageOf, termOf) {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", () => {});
  const base = await new Promise((resolve) => {
    const t = setInterval(() => { const u = urlOf(out); if (u) { clearInterval(t); resolve(u.replace(/\/$/, "")); } }, 50);
  });
  const slug = fs.readdirSync(dir).sort()[0].replace(/\.md$/, "");
  const file = path.join(dir, slug + ".md");
  const s = { page: base + pageOf(slug), term: (kind, id) => base + termOf(kind, id) };
  while (!(await get(s.page)).body.includes("<html")) await sleep(100);
  await sleep(1500);
  const original = fs.readFileSync(file, "utf8");
  const results = {};
  // An edit the server never shows counts as a timeout (printed as such), so one stuck kind
  // does not stop the run.
  const timed = async (write, until) => {
    const started = performance.now();
    write();
    while (!(await until())) {
      if (performance.now() - started > TIMEOUT_MS) return Infinity;
      await sleep(2);
    }
    const ms = performance.now() - started;
    await sleep(700);
    return ms;
  };
  for (const [kind, edit] of Object.entries(KINDS)) {
    results[kind] = [];
    for (let i = 0; i < Number(N); i++) {
      const e = edit(original, i);
      results[kind].push(await timed(() => fs.writeFileSync(file, e.text), () => e.until(s)));
      fs.writeFileSync(file, original);
      await sleep(900);
    }
  }
  results.add = [];
  results.delete = [];
  for (let i = 0; i < Number(N); i++) {
    const added = path.join(dir, `bench-new-${i}.md`);
    const page = base + pageOf(`bench-new-${i}`);
    results.add.push(await timed(() => fs.writeFileSync(added, original.replace(/^title: .*$/m, `title: "Bench new ${i}"`)), async () => (await get(page)).status === 200));
    results.delete.push(await timed(() => fs.unlinkSync(added), async () => (await get(page)).status === 404));
  }
  child.kill();
  await sleep(500);
  const shown = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(0)} ms` : `timed out (${TIMEOUT_MS / 1000} s)`);
  console.log(`${name}: ` + Object.entries(results).map(([k, v]) => `${k} ${shown(median(v))}`).join(", ") + ` (medians of ${N})`);
}

await run("marsad serve", MARSAD, ["serve", "--root", MSITE, "--port", "0"],
  (o) => (o.match(/http:\/\/\S+/) || [])[0], path.join(MSITE, "content/en"),
  (slug) => `/en/${slug}/`, (kind, id) => `/en/${kind}/${id}/`);
if (HUGO) {
  // From memory, as marsad serves: Hugo's default (from disk) leaves a deleted page's file
  // behind, so the page never answers 404.
  await run("hugo server", HUGO, ["server", "--renderToMemory", "--source", HSITE, "--port", "1314", "--bind", "127.0.0.1"],
    (o) => (o.includes("Web Server is available") ? "http://127.0.0.1:1314/" : null), path.join(HSITE, "content/en/posts"),
    (slug) => `/posts/${slug}/`, (kind, id) => `/${kind}/${id}/`);
}
