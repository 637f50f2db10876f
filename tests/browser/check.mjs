// The browser test of `convene site`: loads every page of a built site from disk (file://) in
// Debian's Chromium, through puppeteer-core, and checks what a reader would meet.
//
//   node tests/browser/check.mjs SITE_DIR [--convene BIN] [--data DIR] [--screenshots DIR]
//
// BIN (default target/debug/convene) answers the questions the pages are checked against,
// from the dataset the site was built from (the shipped one, or --data DIR).
//
// - every page loads with no console error, no script error and no failed request, and asks
//   for nothing outside the site;
// - every link and script address is relative and resolves to a file of the site (and, with a
//   #fragment, to an element of that page); no page has an id twice;
// - every event page lists exactly the parties (id, role, source) that
//   `convene members ID --format json` gives;
// - the front page's timeline has a link per event marker, and clicking the Bletchley marker
//   (or the first event's) opens that event's page;
// - the search finds an event by a word of its name and a party by an alias;
// - axe-core reports no violation of WCAG 2.1 A and AA on the front page, one event page and
//   one party page, in the light and in the dark colour scheme;
// - screenshots of those three pages go to DIR (default target/site-screenshots).
//
// Exit 0: all passed; 1: a check failed (each failure is printed); 77: Chromium or the npm
// packages are missing here (`npm ci --prefix tests/browser`; `apt-get install chromium`).

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
}
const convene = option("--convene", path.join(here, "../../target/debug/convene"));
const dataDir = option("--data", null);
const shots = path.resolve(option("--screenshots", path.join(here, "../../target/site-screenshots")));
if (args.length !== 1) {
  console.error("usage: node tests/browser/check.mjs SITE_DIR [--convene BIN] [--screenshots DIR]");
  process.exit(2);
}
const site = path.resolve(args[0]);

function skip(why) {
  console.error(why);
  process.exit(77);
}
let puppeteer, axePath;
try {
  puppeteer = (await import("puppeteer-core")).default;
  axePath = path.join(here, "node_modules/axe-core/axe.min.js");
  if (!fs.existsSync(axePath)) throw new Error("axe-core is not installed");
} catch (e) {
  skip(`the npm packages are missing (${e.message}): npm ci --prefix tests/browser`);
}
const chromium = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]
  .filter(Boolean)
  .find((p) => fs.existsSync(p));
if (!chromium) skip("Chromium is not installed: apt-get install chromium");

const failures = [];
function fail(where, what) {
  failures.push(`${where}: ${what}`);
}
function run(...argv) {
  const data = dataDir ? ["--data", dataDir] : [];
  return JSON.parse(execFileSync(convene, [...data, ...argv], { encoding: "utf8", env: { ...process.env, CONVENE_DATA: "" } }));
}

// The site's pages, by path from its top.
function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p) : [p];
  });
}
const files = walk(site).map((p) => path.relative(site, p).split(path.sep).join("/")).sort();
const pages = files.filter((f) => f.endsWith(".html"));
const rel = (url) => path.relative(site, fileURLToPath(url)).split(path.sep).join("/");

// The ids of each page's HTML, read from disk, for #fragments.
const idCache = new Map();
function idsOf(file) {
  if (!idCache.has(file)) {
    const html = fs.readFileSync(path.join(site, file), "utf8");
    idCache.set(file, new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1])));
  }
  return idCache.get(file);
}

// A first start on a fresh machine (font caches, a new profile) under a busy `cargo test` took
// more than puppeteer's default 30 s in CI: wait up to 3 minutes, and try a second time.
async function launch() {
  const options = {
    executablePath: chromium,
    headless: true,
    timeout: 180000,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
  };
  try {
    return await puppeteer.launch(options);
  } catch (e) {
    console.error(`chromium did not start (${e.message}); trying once more`);
    return await puppeteer.launch(options);
  }
}
const browser = await launch();
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 900 });
let current = "";
await page.setRequestInterception(true);
page.on("request", (r) => {
  const url = r.url();
  if (url.startsWith("file://") && fileURLToPath(url).startsWith(site + path.sep)) {
    r.continue();
  } else if (url.startsWith("data:")) {
    r.continue();
  } else {
    fail(current, `asks for ${url}, outside the site`);
    r.abort();
  }
});
page.on("console", (m) => {
  if (m.type() === "error") fail(current, `console error: ${m.text()}`);
});
page.on("pageerror", (e) => fail(current, `script error: ${e.message}`));
page.on("requestfailed", (r) => {
  if (r.url().startsWith("file://")) fail(current, `request failed: ${r.url()} (${r.failure()?.errorText})`);
});

async function open(file) {
  current = file;
  await page.goto(pathToFileURL(path.join(site, file)).href, { waitUntil: "load" });
}

// 1. Every page: loads, links resolve, ids unique; event pages list the members convene gives.
let links = 0;
let eventPages = 0;
for (const file of pages) {
  await open(file);
  const found = await page.evaluate(() => {
    const refs = [...document.querySelectorAll("a[href], link[href], script[src], img[src], use[href]")].map(
      (e) => e.getAttribute("href") ?? e.getAttribute("src"),
    );
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    const members = [...document.querySelectorAll("tr[data-party]")].map((r) => ({
      id: r.dataset.party,
      role: r.dataset.role,
      source: r.dataset.source,
    }));
    return { refs, ids, members };
  });
  const seen = new Set();
  for (const id of found.ids) {
    if (seen.has(id)) fail(file, `the id "${id}" is used twice`);
    seen.add(id);
  }
  for (const ref of found.refs) {
    if (/^https?:\/\//.test(ref)) continue; // a source, linked; never requested by the page
    links++;
    if (/^[a-z]+:/i.test(ref) || ref.startsWith("/")) {
      fail(file, `the link ${ref} is not relative`);
      continue;
    }
    const target = new URL(ref, pathToFileURL(path.join(site, file)));
    const to = rel(target);
    if (!files.includes(to)) {
      fail(file, `the link ${ref} leads to no file of the site`);
      continue;
    }
    const frag = decodeURIComponent(target.hash.slice(1));
    if (frag && to.endsWith(".html") && !idsOf(to).has(frag)) fail(file, `the link ${ref}: ${to} has no id "${frag}"`);
  }
  const m = file.match(/^events\/(.+)\.html$/);
  if (m) {
    eventPages++;
    const want = run("members", m[1], "--format", "json").parties.map((p) => ({ id: p.id, role: p.role, source: p.source }));
    const key = (p) => `${p.id} ${p.role} ${p.source}`;
    const got = found.members.map(key).sort();
    const expected = want.map(key).sort();
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      const missing = expected.filter((k) => !got.includes(k));
      const extra = got.filter((k) => !expected.includes(k));
      fail(file, `members differ from convene members ${m[1]}: missing [${missing.join("; ")}], extra [${extra.join("; ")}]`);
    }
  }
}
if (eventPages === 0) fail("site", "no event page");

// 2. The front page's timeline: a link per marker, and a click opens the event's page.
const events = run("events", "--format", "json").filter((e) => files.includes(`events/${e.id}.html`));
const target = events.find((e) => e.id === "bletchley-2023") ?? events[0];
await open("index.html");
const markers = await page.$$eval("figure.chart svg a", (as) => as.map((a) => a.getAttribute("href")));
for (const e of events) {
  if (!markers.includes(`events/${e.id}.html`)) fail("index.html", `the timeline has no marker linking to events/${e.id}.html`);
}
if (target && markers.length > 0) {
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.click(`figure.chart svg a[href="events/${target.id}.html"]`),
  ]);
  if (!page.url().endsWith(`/events/${target.id}.html`)) fail("index.html", `clicking the ${target.id} marker opened ${page.url()}`);
}

// 3. The search: an event by the word of its name that the fewest other names have, and a
// party by an alias that shares no word with its name.
const fold = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
async function search(text, href) {
  await open("index.html");
  await page.type("#search-input", text);
  const hits = await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
  if (!hits.includes(href)) fail("index.html", `searching "${text}" does not find ${href} (found ${hits.slice(0, 5).join(", ")}…)`);
  return hits.length;
}
if (target) {
  const others = events.filter((e) => e.id !== target.id).map((e) => new Set(fold(e.name).split(" ")));
  const word = fold(target.name)
    .split(" ")
    .filter((w) => w.length > 3)
    .sort((a, b) => others.filter((o) => o.has(a)).length - others.filter((o) => o.has(b)).length)[0];
  await search(word, `events/${target.id}.html`);
}
const parties = run("parties", "--format", "json").filter((p) => files.includes(`parties/${p.id}.html`));
const aliased = parties
  .flatMap((p) => p.aliases.map((a) => ({ p, a })))
  .find(({ p, a }) => fold(a).split(" ").every((w) => !fold(p.name).split(" ").includes(w)));
if (aliased) await search(aliased.a, `parties/${aliased.p.id}.html`);
else fail("site", "no party with an alias to search for");

// 4. axe-core at WCAG 2.1 AA, light and dark, and the screenshots.
const party = parties.find((p) => p.id === "GBR") ?? parties[0];
const checked = [
  ["index", "index.html"],
  ["event", `events/${target?.id}.html`],
  ["party", `parties/${party?.id}.html`],
];
fs.mkdirSync(shots, { recursive: true });
const axeResults = [];
for (const scheme of ["light", "dark"]) {
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
  for (const [name, file] of checked) {
    await open(file);
    await page.addScriptTag({ path: axePath });
    const r = await page.evaluate(() =>
      window.axe.run(document, { preload: false, runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
    );
    axeResults.push(`${file} (${scheme}): ${r.violations.length} violations, ${r.passes.length} rules passed, ${r.incomplete.length} to review${r.incomplete.length ? ` (${r.incomplete.map((i) => i.id).join(", ")})` : ""}`);
    for (const v of r.violations) {
      fail(`${file} (${scheme})`, `axe ${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
    }
    await page.screenshot({ path: path.join(shots, `${name}${scheme === "dark" ? "-dark" : ""}.png`), fullPage: true });
  }
}
await browser.close();

for (const line of axeResults) console.log(`axe: ${line}`);
console.log(`pages: ${pages.length} loaded, ${links} internal links checked, ${eventPages} event pages' members compared`);
console.log(`screenshots: ${shots}`);
if (failures.length > 0) {
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`browser check: ${failures.length} failures`);
  process.exit(1);
}
console.log("browser check: all passed");
