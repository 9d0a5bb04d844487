#!/usr/bin/env bash
# Compiles the add-on as NinjaTrader's compiler would see it (C# 5, warnings as errors), against
# the stub of NinjaTrader's API, and the harness that drives it. Usage: build.sh <output-folder>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: build.sh <output-folder>}"
mkdir -p "$out"
mcs -langversion:5 -target:library -warn:4 -warnaserror+ -nologo -out:"$out/NinjaTrader.Stub.dll" "$here/stub/NinjaTrader.Stub.cs"
mcs -langversion:5 -target:library -warn:4 -warnaserror+ -nologo -r:"$out/NinjaTrader.Stub.dll" -out:"$out/SessionguardConnector.dll" "$here/SessionguardConnector.cs"
mcs -langversion:5 -target:exe -warn:4 -warnaserror+ -nologo -r:"$out/NinjaTrader.Stub.dll" -r:"$out/SessionguardConnector.dll" -out:"$out/Harness.exe" "$here/harness/Harness.cs"
echo "compiled SessionguardConnector.cs (C# 5) against the NinjaTrader stub into $out"
