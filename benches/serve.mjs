// Edit-to-served latency (not a test): how long after saving a briefing the served page
// shows the edit, for `marsad serve` and `hugo server` on the same corpus, debounce included.
//   node benches/serve.mjs MARSAD_BIN MARSAD_SITE HUGO_BIN HUGO_SITE [EDITS]
// Each server runs alone; each edit rewrites one English briefing's body with a new marker
// and polls its page over HTTP every 2 ms until the marker is there. Prints medians.
import fs from "node:fs";
import path from "node:path";
import http from "node:http";
import { spawn } from "node:child_process";

const [MARSAD, MSITE, HUGO, HSITE, N = "9"] = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const get = (url) => new Promise((resolve) => {
  http.get(url, (res) => { let b = ""; res.setEncoding("utf8"); res.on("data", (d) => (b += d)); res.on("end", () => resolve(b)); })
    .on("error", () => resolve(""));
});

async function run(name, cmd, args, urlOf, file, pagePath) {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", () => {});
  const base = await new Promise((resolve) => {
    const t = setInterval(() => { const u = urlOf(out); if (u) { clearInterval(t); resolve(u); } }, 50);
  });
  const page = base.replace(/\/$/, "") + pagePath;
  while (!(await get(page)).includes("<html")) await sleep(100);
  await sleep(1500);
  const original = fs.readFileSync(file, "utf8");
  const times = [];
  for (let i = 0; i < Number(N); i++) {
    const marker = `edit-marker-${name}-${i}-${Date.now()}`;
    const started = performance.now();
    fs.writeFileSync(file, original.replace(/\n\n(\S)/, `\n\n${marker} $1`));
    while (!(await get(page)).includes(marker)) await sleep(2);
    times.push(performance.now() - started);
    await sleep(700);
  }
  fs.writeFileSync(file, original);
  child.kill();
  await sleep(500);
  times.sort((a, b) => a - b);
  console.log(`${name}: edit visible after ${times[Math.floor(times.length / 2)].toFixed(0)} ms median (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}, ${times.length} edits)`);
}

const slug = fs.readdirSync(path.join(MSITE, "content/en")).sort()[0].replace(/\.md$/, "");
await run("marsad serve", MARSAD, ["serve", "--root", MSITE, "--port", "0"],
  (o) => (o.match(/http:\/\/\S+/) || [])[0], path.join(MSITE, "content/en", slug + ".md"), `/en/${slug}/`);
await run("hugo server", HUGO, ["server", "--source", HSITE, "--port", "1314", "--bind", "127.0.0.1", "--quiet"],
  () => "http://127.0.0.1:1314/", path.join(HSITE, "content/en/posts", slug + ".md"), `/posts/${slug}/`);
