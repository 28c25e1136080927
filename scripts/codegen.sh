#!/usr/bin/env bash
# Generates the jsii bindings for Python, Java, .NET and Go from lib/.jsii (offline: --code-only
# builds no package) and checks what the local toolchains can check without a package registry:
#   python  syntax of every generated module (compile(), as py_compile does)
#   java    syntax of every generated source (javac, parse phase only: type-checking needs the
#           jsii runtime and the cdk8s jars from Maven Central)
#   go      gofmt -l and go vet, when `go` is installed (go vet needs the jsii Go runtime module)
#   dotnet  generated only: checking it needs `dotnet` and NuGet
# A language whose toolchain is missing is reported as skipped, never as passed.
set -euo pipefail
cd "$(dirname "$0")/.."

out=dist/codegen
if [ ! -f .jsii ]; then
  echo "codegen: .jsii is missing; run 'npx projen compile' first" >&2
  exit 1
fi

start=$(date +%s%N)
rm -rf "$out"
jsii-pacmak --code-only --targets python java dotnet go --outdir "$out" >/dev/null

for lang in python java dotnet go; do
  if [ -z "$(find "$out/$lang" -type f 2>/dev/null | head -1)" ]; then
    echo "codegen: jsii-pacmak wrote nothing for $lang" >&2
    exit 1
  fi
done

python_files=$(find "$out/python" -name '*.py' | wc -l)
python3 - "$out/python" <<'EOF'
import pathlib, sys
for f in sorted(pathlib.Path(sys.argv[1]).rglob('*.py')):
    # What py_compile does, without writing byte code: a SyntaxError fails the task.
    compile(f.read_text(encoding='utf-8'), str(f), 'exec')
EOF
echo "codegen: python  $python_files modules compile (syntax)"

if command -v javac >/dev/null; then
  mapfile -t java_files < <(find "$out/java" -name '*.java')
  javac -proc:none -XDshould-stop.ifNoError=PARSE -XDshould-stop.ifError=PARSE -d "$out/java-classes" "${java_files[@]}"
  echo "codegen: java    ${#java_files[@]} sources parse (javac, syntax only: the jsii runtime jars need Maven)"
else
  echo "codegen: java    generated; javac not installed: not checked"
fi

echo "codegen: dotnet  $(find "$out/dotnet" -name '*.cs' | wc -l) sources generated; not checked (needs dotnet and NuGet)"

if command -v go >/dev/null; then
  unformatted=$(gofmt -l "$out/go")
  if [ -n "$unformatted" ]; then
    echo "codegen: gofmt would change: $unformatted" >&2
    exit 1
  fi
  echo "codegen: go      gofmt clean; go vet needs the jsii Go runtime module: not run offline"
else
  echo "codegen: go      $(find "$out/go" -name '*.go' | wc -l) sources generated; go not installed: not checked"
fi

elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "codegen: done in $((elapsed_ms / 1000)).$(( (elapsed_ms % 1000) / 100 ))s"
