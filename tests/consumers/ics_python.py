"""Read an iCalendar file with a Python parser and print, as JSON, what that parser sees.

    python3 ics_python.py icalendar|vobject FILE

Prints {"parser": NAME VERSION, "calendars": N, "events": [EVENT, ...]}, where each EVENT
maps every property name (upper case) to the list of its values, in file order (decoded text
for text values, the iCalendar form for the others), and "components" lists the names of any
component nested in the event. tests/cli/consumers.rs compares this with what the dataset
holds. Exits 77 when the parser is not installed, so the test can tell "missing" from
"failed"; any other failure is a traceback and exit 1.
"""

import importlib.metadata
import json
import sys


def text(value):
    """A property value as the parser decoded it."""
    if isinstance(value, str):
        return str(value)
    to_ical = getattr(value, "to_ical", None)
    if to_ical is not None:
        out = to_ical()
        return out.decode("utf-8") if isinstance(out, bytes) else str(out)
    return str(value)


def with_icalendar(data):
    import icalendar

    calendars = icalendar.Calendar.from_ical(data, multiple=True)
    events = []
    for cal in calendars:
        for comp in cal.walk("VEVENT"):
            props = {}
            for name, value in comp.property_items(recursive=False, sorted=False):
                if name in ("BEGIN", "END"):
                    continue
                props.setdefault(name.upper(), []).append(text(value))
            errors = [f"{p}: {e}" for p, e in getattr(comp, "errors", [])]
            events.append(
                {
                    "properties": props,
                    "components": [c.name for c in comp.subcomponents],
                    "errors": errors,
                }
            )
    return "icalendar", len(calendars), events


def with_vobject(data):
    import vobject

    calendars = list(vobject.readComponents(data.decode("utf-8")))
    events = []
    for cal in calendars:
        for comp in cal.getChildren():
            if comp.name != "VEVENT":
                continue
            props = {}
            nested = []
            for child in comp.getChildren():
                if isinstance(child, vobject.base.ContentLine):
                    props.setdefault(child.name.upper(), []).append(text(child.value))
                else:
                    nested.append(child.name)
            events.append({"properties": props, "components": nested, "errors": []})
    return "vobject", len(calendars), events


def main():
    which, path = sys.argv[1], sys.argv[2]
    read = {"icalendar": with_icalendar, "vobject": with_vobject}[which]
    try:
        version = importlib.metadata.version(which)
        __import__(which)
    except (ImportError, importlib.metadata.PackageNotFoundError) as e:
        print(f"{which} is not installed ({e})", file=sys.stderr)
        sys.exit(77)
    with open(path, "rb") as f:
        data = f.read()
    name, calendars, events = read(data)
    json.dump(
        {"parser": f"{name} {version}", "calendars": calendars, "events": events},
        sys.stdout,
        ensure_ascii=True,
    )


if __name__ == "__main__":
    main()
