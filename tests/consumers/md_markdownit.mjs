// Render a Markdown file with markdown-it (CommonMark, with GFM tables and linkify off) and
// markdown-it-anchor (heading ids, as GitHub and most renderers derive them) and print, as
// JSON, the links and ids the HTML holds:
//
//     node md_markdownit.mjs FILE
//
// {"parser": "markdown-it X / markdown-it-anchor Y", "hrefs": [...], "ids": [...]}. Exits 77
// when the packages are not installed (npm ci in this directory installs them).
import { readFileSync } from "node:fs";

let MarkdownIt, anchor, versions;
try {
  MarkdownIt = (await import("markdown-it")).default;
  anchor = (await import("markdown-it-anchor")).default;
  const version = (name) => {
    const pkg = new URL(`./node_modules/${name}/package.json`, import.meta.url);
    return JSON.parse(readFileSync(pkg, "utf8")).version;
  };
  versions = `markdown-it ${version("markdown-it")} / markdown-it-anchor ${version("markdown-it-anchor")}`;
} catch (e) {
  console.error(`markdown-it is not installed (${e.message})`);
  process.exit(77);
}

const md = new MarkdownIt({ html: false, linkify: false }).use(anchor);
const html = md.render(readFileSync(process.argv[2], "utf8"));
const unescape = (s) =>
  s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => unescape(m[1]));
const ids = [...html.matchAll(/ id="([^"]*)"/g)].map((m) => unescape(m[1]));
console.log(JSON.stringify({ parser: versions, hrefs, ids }));
