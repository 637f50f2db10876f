"""Parse a JSON file with Python's json module and print it back, canonical.

    python3 json_python.py FILE

Strict: a duplicate key, NaN or Infinity, or trailing data is an error (exit 1). Prints the
document as json.dumps gives it with every non-ASCII character escaped, so the Rust test can
compare it with its own parse of the file: the strings must come back exactly.
"""

import json
import sys


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise ValueError(f"duplicate keys: {sorted(dup)}")
    return dict(pairs)


def no_constants(name):
    raise ValueError(f"{name} is not JSON")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f, object_pairs_hook=no_duplicates, parse_constant=no_constants)
    json.dump(doc, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
