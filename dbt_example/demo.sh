#!/usr/bin/env bash
# The example end to end, with nothing but the .NET SDK: builds the dbt project into an embedded DuckDB
# (with the repo's dbt stand-in, since dbt itself may not be installed), starts the local HubSpot,
# Salesforce, Zendesk, Meta and webhook emulators, syncs, lets "new data arrive" (a seed edit and a rebuild), syncs again to show that
# only the changed rows go out, then stops the emulators. Runs in a temporary copy: the repo is not touched.
#
#   ./dbt_example/demo.sh                     the above, on DuckDB
#   ./dbt_example/demo.sh --target snowflake  the same models synced from the local Snowflake SQL API emulator, signed
#                                             in with a key pair generated here (needs openssl and curl)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
port="${RETL_EXAMPLE_PORT:-4010}"
target=dev
while [ $# -gt 0 ]; do
  case "$1" in
    -t|--target) target="${2:-}"; shift 2 || { echo "--target needs a value: dev or snowflake" >&2; exit 2; } ;;
    --target=*) target="${1#--target=}"; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "Unknown argument '$1'. Usage: $0 [--target dev|snowflake]" >&2; exit 2 ;;
  esac
done
case "$target" in
  dev) ;;
  snowflake)
    for tool in openssl curl; do
      command -v "$tool" >/dev/null || { echo "demo.sh --target snowflake needs '$tool' (apt-get install $tool)." >&2; exit 1; }
    done ;;
  *) echo "Unknown target '$target': demo.sh runs 'dev' (DuckDB, the default) or 'snowflake'." >&2; exit 2 ;;
esac
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
export HUBSPOT_URL="http://127.0.0.1:$port" RETL_WEBHOOK_URL="http://127.0.0.1:$port/webhook/retl"
export SALESFORCE_URL="http://127.0.0.1:$port" ZENDESK_URL="http://127.0.0.1:$port" META_GRAPH_URL="http://127.0.0.1:$port"
# The example's PostgreSQL mirror sync needs a database; run it with --sync '*' when RETL_APP_PG_* point at one.
syncs=(--sync '*__hubspot__*' --sync '*__webhook__*' --sync '*__sales_crm__*' --sync '*__support_desk__*' --sync '*__meta_ads__*')

# Starts `retl emulators` (extra arguments passed on) in the background and waits until it listens.
start_emulators() {
  # Started directly (not through the retl function) so that $! is the emulators' own process.
  dotnet "$repo/src/ReverseEtlDbt.Cli/bin/Release/net10.0/retl.dll" emulators --port "$port" "$@" &
  emulators=$!
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  if ! kill -0 "$emulators" 2>/dev/null; then
    echo "The emulators could not start on port $port; run again with RETL_EXAMPLE_PORT=<a free port>." >&2
    exit 1
  fi
}

if [ "$target" = snowflake ]; then
  step "dbt build into $work/retl_example.duckdb (stands in for dbt build on Snowflake)"
  dbt_standin build --project-dir "$work" --target-path target

  step "A key pair for the Snowflake user RETL (encrypted PKCS#8, as for a Snowflake service user)"
  export RETL_SNOWFLAKE_PRIVATE_KEY_PATH="$work/rsa_key.p8" RETL_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE="retl-demo-$RANDOM$RANDOM"
  export RETL_SNOWFLAKE_PORT="$port"
  openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -aes-256-cbc \
    -pass env:RETL_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE -out "$RETL_SNOWFLAKE_PRIVATE_KEY_PATH"
  openssl pkey -in "$RETL_SNOWFLAKE_PRIVATE_KEY_PATH" -passin env:RETL_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE -pubout -out "$work/rsa_key.pub"
  echo "$RETL_SNOWFLAKE_PRIVATE_KEY_PATH (on a real account: ALTER USER RETL SET RSA_PUBLIC_KEY = '<$work/rsa_key.pub without its PEM lines>')"

  step "Starting the local Snowflake, HubSpot, Salesforce, Zendesk, Meta and webhook emulators on 127.0.0.1:$port"
  echo "The Snowflake emulator verifies retl's JWT against rsa_key.pub and starts with the tables of retl_example.duckdb"
  echo "as RETL_EXAMPLE.MAIN.CUSTOMER_HEALTH etc., where the manifest's retl_example.main.customer_health points on Snowflake."
  start_emulators --snowflake-public-key "$work/rsa_key.pub" --snowflake-load "$work/retl_example.duckdb"

  step "retl check --target snowflake: contracts, PII governance, connections (no warehouse, no network)"
  retl check --project-dir "$work" --target snowflake

  step "retl sync --target snowflake: first run sends every row"
  retl sync --project-dir "$work" --target snowflake "${syncs[@]}"

  step "New data arrives on Snowflake: customer 1 changes her first name (an UPDATE through the SQL API)"
  update="UPDATE RETL_EXAMPLE.MAIN.CUSTOMER_HEALTH SET FIRST_NAME = 'Mike' WHERE CUSTOMER_ID = 1"
  echo "$update"
  curl -fsS -o /dev/null -X POST "http://127.0.0.1:$port/api/v2/statements" \
    -H 'Content-Type: application/json' -H 'Authorization: Bearer emulator-snowflake-pat' \
    -H 'X-Snowflake-Authorization-Token-Type: PROGRAMMATIC_ACCESS_TOKEN' \
    -d "{\"statement\": \"$update\", \"database\": \"RETL_EXAMPLE\", \"schema\": \"MAIN\", \"warehouse\": \"EMULATOR_WH\"}"

  step "retl sync --target snowflake: only that row goes out (1 HubSpot contact, 1 Zendesk user)"
  retl sync --project-dir "$work" --target snowflake "${syncs[@]}"

  step "retl sync --target snowflake: nothing changed, nothing sent"
  retl sync --project-dir "$work" --target snowflake "${syncs[@]}"

  step "Done: what the last run cost on Snowflake (target/sync_results.json, per sync)"
  if command -v jq >/dev/null; then
    jq -c '.results[] | {sync_id, warehouse: (.warehouse | {statements, seconds, rows_read, query_ids: (.query_ids[:2] + ["..."])})}' \
      "$work/target/sync_results.json"
  else
    head -c 600 "$work/target/sync_results.json"; echo " ..."
  fi
  echo "Each sync's statements carry QUERY_TAG = 'retl:<sync_id>': on a real account, see them in Query History or"
  echo "  SELECT QUERY_TEXT, TOTAL_ELAPSED_TIME, CREDITS_USED_CLOUD_SERVICES FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY"
  echo "  WHERE QUERY_TAG LIKE 'retl:%' ORDER BY START_TIME DESC;"
  echo "and per sync, the statements, seconds and query ids retl reports in target/sync_results.json (see docs/warehouses.md)."
  exit 0
fi

step "Starting the local HubSpot, Salesforce, Zendesk, Meta and webhook emulators on 127.0.0.1:$port"
start_emulators

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
