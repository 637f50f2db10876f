"""The questions of benches/baseline.py answered with Polars, for benches/compare.sh.

Every column is read as text (as convene and the pandas baseline read them), and each step
prints its answer so that nothing is skipped by laziness:
  polars_baseline.py check DIR | members DIR EVENT | diff DIR A B
"""

import sys

import polars as pl

FILES = ["events", "parties", "participation", "priorities", "event_priorities"]


def read(d, name):
    return pl.read_csv(f"{d}/{name}.csv", infer_schema=False).fill_null("")


def check(d):
    ev, pa, pt, pr, ep = (read(d, n) for n in FILES)
    problems = 0
    problems += ev.height - ev["id"].n_unique() + pa.height - pa["id"].n_unique()
    problems += pt.height - pt.select(["event", "party"]).unique().height
    problems += pt.filter(~pl.col("event").is_in(ev["id"].implode())).height
    problems += pt.filter(~pl.col("party").is_in(pa["id"].implode())).height
    problems += ep.filter(~pl.col("event").is_in(ev["id"].implode())).height
    problems += ep.filter(~pl.col("priority").is_in(pr["id"].implode())).height
    for col in ["start", "end"]:
        s = ev.filter(pl.col(col) != "").select(
            pl.when(pl.col(col).str.len_chars() == 4)
            .then(pl.col(col) + "-01-01")
            .when(pl.col(col).str.len_chars() == 7)
            .then(pl.col(col) + "-01")
            .otherwise(pl.col(col))
            .str.to_date("%Y-%m-%d", strict=False)
            .alias("d")
        )
        problems += s["d"].null_count()
    problems += pt.filter((pl.col("role") == "joined") & (pl.col("date") == "")).height
    sources = pl.concat(
        [ev["source"], pt.filter(pl.col("source") != "")["source"], ep["source"]]
    ).n_unique()
    print(f"{ev.height} events, {pa.height} parties, {pt.height} rows, {sources} sources, {problems} problems")


def members(d, event):
    pt = read(d, "participation").filter(pl.col("event") == event)
    pa = read(d, "parties")
    m = pt.join(pa, left_on="party", right_on="id").sort(["role", "name"])
    m.select(["party", "name", "kind", "role", "date", "source"]).write_csv(sys.stdout)


def diff(d, a, b):
    pt = read(d, "participation").filter(pl.col("event").is_in([a, b]))
    ra = pt.filter(pl.col("event") == a).select(["party", pl.col("role").alias("a")])
    rb = pt.filter(pl.col("event") == b).select(["party", pl.col("role").alias("b")])
    j = ra.join(rb, on="party", how="full", coalesce=True)
    joined = j.filter(pl.col("a").is_null()).height
    left = j.filter(pl.col("b").is_null()).height
    both = j.filter(pl.col("a").is_not_null() & pl.col("b").is_not_null())
    changed = both.filter(pl.col("a") != pl.col("b")).height
    print(f"joined {joined}, left {left}, stayed {both.height - changed}, changed {changed}")


if __name__ == "__main__":
    step, *args = sys.argv[1:]
    {"check": check, "members": members, "diff": diff}[step](*args)
