#!/usr/bin/env bash
# The example end to end, with nothing but the .NET SDK: builds the dbt project into an embedded DuckDB
# (with the repo's dbt stand-in, since dbt itself may not be installed), starts the local HubSpot,
# Salesforce, Zendesk, Meta and webhook emulators, syncs, lets "new data arrive" (a seed edit and a rebuild), syncs again to show that
# only the changed rows go out, then stops the emulators. Runs in a temporary copy: the repo is not touched.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
port="${RETL_EXAMPLE_PORT:-4010}"
work="$(mktemp -d -t retl-example-XXXXXX)"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
retl() { dotnet "$repo/src/ReverseEtlDbt.Cli/bin/Release/net10.0/retl.dll" "$@"; }
dbt_standin() { dotnet "$repo/tests/DbtStandIn/bin/Release/net10.0/dbt-standin.dll" "$@"; }

step "Building retl and the dbt stand-in"
dotnet build "$repo/ReverseEtlDbt.sln" -c Release -v quiet -nologo -clp:ErrorsOnly

cp -r "$repo/dbt_example/." "$work/"
rm -f "$work"/*.duckdb "$work"/*.duckdb.wal
emulators=""
cleanup() { [ -n "$emulators" ] && kill "$emulators" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

step "Starting the local HubSpot, Salesforce, Zendesk, Meta and webhook emulators on 127.0.0.1:$port"
# Started directly (not through the retl function) so that $! is the emulators' own process.
dotnet "$repo/src/ReverseEtlDbt.Cli/bin/Release/net10.0/retl.dll" emulators --port "$port" &
emulators=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
if ! kill -0 "$emulators" 2>/dev/null; then
  echo "The emulators could not start on port $port; run again with RETL_EXAMPLE_PORT=<a free port>." >&2
  exit 1
fi
export HUBSPOT_URL="http://127.0.0.1:$port" RETL_WEBHOOK_URL="http://127.0.0.1:$port/webhook/retl"
export SALESFORCE_URL="http://127.0.0.1:$port" ZENDESK_URL="http://127.0.0.1:$port" META_GRAPH_URL="http://127.0.0.1:$port"
# The example's PostgreSQL mirror sync needs a database; run it with --sync '*' when RETL_APP_PG_* point at one.
syncs=(--sync '*__hubspot__*' --sync '*__webhook__*' --sync '*__sales_crm__*' --sync '*__support_desk__*' --sync '*__meta_ads__*')

step "dbt build (seeds, staging, contracted marts, data tests) into $work/retl_example.duckdb"
dbt_standin build --project-dir "$work" --target-path target

step "retl check: contracts, PII governance, connections (no warehouse, no network)"
retl check --project-dir "$work"

step "retl sync: first run sends every row"
retl sync --project-dir "$work" "${syncs[@]}"

step "New data arrives: three customers change their first name, one account buys seats"
sed -i -e 's/^1,Michael,/1,Mike,/' -e 's/^2,Shawn,/2,Shaun,/' -e 's/^3,Kathleen,/3,Kate,/' "$work/seeds/raw_customers.csv"
sed -i -e 's/^2,Globex,globex.example,starter,4,/2,Globex,globex.example,starter,40,/' "$work/seeds/raw_accounts.csv"

step "retl build: runs dbt build, then syncs only the rows that changed (3 contacts, 1 account event)"
# retl build runs the `dbt` on PATH; here the stand-in, through a two-line wrapper.
printf '#!/bin/sh\nexec dotnet "%s" "$@"\n' "$repo/tests/DbtStandIn/bin/Release/net10.0/dbt-standin.dll" > "$work/dbt"
chmod +x "$work/dbt"
retl build --project-dir "$work" --dbt-executable "$work/dbt" "${syncs[@]}"

step "retl sync: nothing changed, nothing sent"
retl sync --project-dir "$work" "${syncs[@]}"

step "Done: target/sync_results.json of the last run"
head -c 600 "$work/target/sync_results.json"; echo " ..."
