#!/usr/bin/env bash
# The questions of benches/baseline.py as DuckDB SQL, for benches/compare.sh: from the CSV
# files (every column read as text, as convene reads them) or from a database file made once
# from them (`load DIR DB`), through the DuckDB shell.
#   duckdb_queries.sh DUCKDB load DIR DB
#   duckdb_queries.sh DUCKDB check|members|diff csv DIR [EVENT [EVENT]]
#   duckdb_queries.sh DUCKDB check|members|diff db DB [EVENT [EVENT]]
# DUCKDB is the shell, or a Python interpreter with the duckdb package (its name ends in
# "python"): the same SQL is then run through the Python API.
set -euo pipefail
DUCK=$1 STEP=$2
tables="events parties participation priorities event_priorities"
csv() { echo "read_csv('$DIR/$1.csv', all_varchar = true, header = true)"; }
if [ "$STEP" = load ]; then
  DIR=$3 DB=$4
  rm -f "$DB"
  sql=""
  for t in $tables; do sql+="CREATE TABLE $t AS SELECT * FROM $(csv "$t");"; done
  exec "$DUCK" "$DB" -c "$sql"
fi
FROM=$3 SRC=$4 A=${5:-} B=${6:-}
if [ "$FROM" = csv ]; then
  DIR=$SRC
  with="WITH $(for t in $tables; do printf '%s AS (SELECT * FROM %s), ' "$t" "$(csv "$t")"; done)"
  with=${with%, }
  args=(-csv)
else
  with=""
  args=(-readonly -csv "$SRC")
fi
case $STEP in
  members)
    q="$with SELECT p.party, pa.name, pa.kind, p.role, p.date, p.source FROM participation p
       JOIN parties pa ON pa.id = p.party WHERE p.event = '$A' ORDER BY p.role, pa.name" ;;
  diff)
    q="$with, a AS (SELECT party, role FROM participation WHERE event = '$A'),
       b AS (SELECT party, role FROM participation WHERE event = '$B')
       SELECT coalesce(a.party, b.party) AS id,
              CASE WHEN a.party IS NULL THEN 'joined' WHEN b.party IS NULL THEN 'left' ELSE 'changed' END AS change,
              a.role AS role_a, b.role AS role_b
       FROM a FULL OUTER JOIN b ON a.party = b.party
       WHERE a.party IS NULL OR b.party IS NULL OR a.role <> b.role ORDER BY id"
    [ -z "$with" ] && q=${q/#, a AS/WITH a AS} ;;
  check)
    day="try_cast(CASE length(x) WHEN 4 THEN x || '-01-01' WHEN 7 THEN x || '-01' ELSE x END AS DATE)"
    q="$with SELECT
        (SELECT count(*) - count(DISTINCT id) FROM events)
      + (SELECT count(*) - count(DISTINCT id) FROM parties)
      + (SELECT count(*) - count(DISTINCT (event, party)) FROM participation)
      + (SELECT count(*) FROM participation WHERE event NOT IN (SELECT id FROM events))
      + (SELECT count(*) FROM participation WHERE party NOT IN (SELECT id FROM parties))
      + (SELECT count(*) FROM event_priorities WHERE event NOT IN (SELECT id FROM events))
      + (SELECT count(*) FROM event_priorities WHERE priority NOT IN (SELECT id FROM priorities))
      + (SELECT count(*) FROM (SELECT start AS x FROM events UNION ALL SELECT \"end\" FROM events) WHERE x IS NOT NULL AND ${day} IS NULL)
      + (SELECT count(*) FROM participation WHERE role = 'joined' AND date IS NULL) AS problems,
        (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM participation) AS rows,
        (SELECT count(DISTINCT s) FROM (SELECT source AS s FROM events UNION ALL SELECT source FROM participation WHERE source IS NOT NULL UNION ALL SELECT source FROM event_priorities)) AS sources" ;;
  *) echo "unknown step $STEP" >&2; exit 2 ;;
esac
if [[ $DUCK == *python ]]; then
  db=""
  [ "$FROM" = db ] && db=$SRC
  exec "$DUCK" -c '
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True) if sys.argv[1] else duckdb.connect()
for row in con.sql(sys.argv[2]).fetchall():
    print(*("" if v is None else v for v in row), sep=",")
' "$db" "$q"
fi
exec "$DUCK" "${args[@]}" -c "$q"
