"""The baseline for benches/compare.sh: the same steps done the way a user would in Python,
with pandas to load, validate and join, and matplotlib to draw the timeline as SVG (text kept
as text, like convene's). Each step is one process, as a user would run a script.

    python baseline.py check DIR
    python baseline.py members DIR EVENT
    python baseline.py diff DIR A B
    python baseline.py timeline DIR OUT.svg
"""
import sys

import pandas as pd

FILES = ["events", "parties", "participation", "priorities", "event_priorities"]


def read(d, name):
    return pd.read_csv(f"{d}/{name}.csv", dtype=str, keep_default_na=False)


def check(d):
    t = {n: read(d, n) for n in FILES}
    ev, pa, pt, pr, ep = (t[n] for n in FILES)
    problems = 0
    problems += int(ev["id"].duplicated().sum()) + int(pa["id"].duplicated().sum())
    problems += int(pt.duplicated(["event", "party"]).sum())
    problems += int((~pt["event"].isin(ev["id"])).sum()) + int((~pt["party"].isin(pa["id"])).sum())
    problems += int((~ep["event"].isin(ev["id"])).sum()) + int((~ep["priority"].isin(pr["id"])).sum())
    for col in ["start", "end"]:
        s = ev[col][ev[col] != ""]
        parsed = pd.to_datetime(s, format="mixed", errors="coerce")
        problems += int(parsed.isna().sum())
    problems += int(((pt["role"] == "joined") & (pt["date"] == "")).sum())
    sources = pd.concat([ev["source"], pt["source"][pt["source"] != ""], ep["source"]]).nunique()
    print(f"{len(ev)} events, {len(pa)} parties, {len(pt)} rows, {sources} sources, {problems} problems")


def members(d, event):
    pt = read(d, "participation")
    pa = read(d, "parties")
    m = pt[pt["event"] == event].merge(pa, left_on="party", right_on="id")
    m[["party", "name", "kind", "role", "date", "source"]].sort_values(["role", "name"]).to_csv(sys.stdout, index=False)


def diff(d, a, b):
    pt = read(d, "participation")
    ra = pt[pt["event"] == a].set_index("party")["role"]
    rb = pt[pt["event"] == b].set_index("party")["role"]
    joined = sorted(set(rb.index) - set(ra.index))
    left = sorted(set(ra.index) - set(rb.index))
    both = sorted(set(ra.index) & set(rb.index))
    changed = [p for p in both if ra[p] != rb[p]]
    print(f"joined {len(joined)}, left {len(left)}, stayed {len(both) - len(changed)}, changed {len(changed)}")


def timeline(d, out):
    import matplotlib

    matplotlib.use("svg")
    matplotlib.rcParams["svg.fonttype"] = "none"  # keep text as text, as convene does
    import matplotlib.pyplot as plt

    ev = read(d, "events")
    start = pd.to_datetime(ev["start"], format="mixed")
    series = sorted(ev["series"].unique())
    lane = ev["series"].map({s: i for i, s in enumerate(series)})
    fig, ax = plt.subplots(figsize=(12, 1 + len(series)))
    ax.scatter(start, lane, s=12)
    for x, y, label in zip(start, lane, ev["short"].where(ev["short"] != "", ev["name"])):
        ax.annotate(label, (x, y), xytext=(3, 4), textcoords="offset points", fontsize=7)
    ax.set_yticks(range(len(series)), series)
    fig.savefig(out, format="svg")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"check": check, "members": members, "diff": diff, "timeline": timeline}[cmd](*args)
