// Shared by the browser tests: playwright-core from ../shared/sitecheck (installed there by
// its install.sh) driving Debian's /usr/bin/chromium with the flags this workplace needs
// (no background networking: the network is closed). No browser is ever downloaded.
import path from "node:path";
import { createRequire } from "node:module";

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(path.resolve(here, "../../../shared/sitecheck/package.json"));
const { chromium } = require("playwright-core");

export function launchChromium() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
