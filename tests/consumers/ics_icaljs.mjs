// Read an iCalendar file with ical.js (Mozilla's parser, used by Thunderbird) and print, as
// JSON, what it sees:
//
//     node ics_icaljs.mjs FILE
//
// The same shape as ics_python.py prints: {"parser", "calendars", "events": [{"properties":
// {NAME: [values]}, "components": [...], "errors": []}]}. Exits 77 when ical.js is not
// installed (npm ci in this directory installs the version package-lock.json pins).
import { readFileSync } from "node:fs";

let ICAL;
let version;
try {
  ICAL = (await import("ical.js")).default;
  // The package's "exports" hide package.json; it sits beside dist/, where the import resolves.
  const pkg = new URL("../package.json", import.meta.resolve("ical.js"));
  version = JSON.parse(readFileSync(pkg, "utf8")).version;
} catch (e) {
  console.error(`ical.js is not installed (${e.message})`);
  process.exit(77);
}

const text = readFileSync(process.argv[2], "utf8");
const parsed = ICAL.parse(text);
// One component parses to [name, props, comps]; several to a list of those.
const calendars = typeof parsed[0] === "string" ? [parsed] : parsed;
const value = (v) => (typeof v === "string" ? v : v.toString());
const events = [];
for (const jcal of calendars) {
  const cal = new ICAL.Component(jcal);
  for (const ev of cal.getAllSubcomponents("vevent")) {
    const properties = {};
    for (const p of ev.getAllProperties()) {
      const name = p.name.toUpperCase();
      (properties[name] ??= []).push(...p.getValues().map(value));
    }
    events.push({
      properties,
      components: ev.getAllSubcomponents().map((c) => c.name.toUpperCase()),
      errors: [],
    });
  }
}
process.stdout.write(
  JSON.stringify({ parser: `ical.js ${version}`, calendars: calendars.length, events }),
);
