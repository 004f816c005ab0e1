#!/usr/bin/env bash
# Soak of the crash test: `retl sync` child processes SIGKILLed at random points, many more times than CI's 24,
# with the model changing between runs; after a final clean run the HubSpot emulator must hold exactly the model's
# rows (no duplicates) and the state must equal the destination. Each round draws a new seed (CI's run uses a fixed
# one); a failing round is repeated with RETL_CRASH_SEED=<its seed>. Usage: bench/crash-soak.sh [iterations] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-200}"
rounds="${2:-3}"
dotnet build tests/ReverseEtlDbt.Tests -c Release -v quiet -nologo -clp:ErrorsOnly
for round in $(seq 1 "$rounds"); do
  seed="${RETL_CRASH_SEED:-$((RANDOM * 32768 + RANDOM))}"
  echo "== round $round of $rounds: $iterations kills, seed $seed"
  RETL_CRASH_SEED="$seed" RETL_CRASH_ITERATIONS="$iterations" dotnet test tests/ReverseEtlDbt.Tests -c Release --no-build \
    --filter "FullyQualifiedName~CrashSafetyTests" --logger "console;verbosity=detailed" | grep -E "seed|Passed|Failed|total" || true
done
