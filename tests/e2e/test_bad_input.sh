#!/usr/bin/env bash
# Every file under tests/data/bad/ is rejected with exit 3 and exactly the
# stderr in its .stderr file, and nothing is written to the store.
# UPDATE_GOLDEN=1 rewrites the .stderr files (review the diff before committing).
source "$(dirname "$0")/lib.sh"
data="$GENOPS_SOURCE_DIR/tests/data/bad"

genops init proj >/dev/null
cd proj || exit 2
mkdir -p bad

check_case() {  # name, golden, args...
  local name=$1 golden=$2; shift 2
  case_ "$name"
  rm -rf .genops
  run genops "$@"
  if [[ ${UPDATE_GOLDEN:-} == 1 ]]; then cp "$E2E_ROOT/.err" "$golden"; fi
  expect_exit 3
  expect_err_file "$golden"
  expect_no_file .genops/genops.db
}

for file in "$data"/prompt/*.yaml; do
  base=$(basename "$file" .yaml)
  cp "$file" "bad/$base.yaml"
  check_case "prompt/$base" "$data/prompt/$base.stderr" prompt add "bad/$base.yaml"
done

# Generated inputs, too large or too deep to keep in the repository.
python3 - <<'PY'
import os
os.makedirs("bad", exist_ok=True)
with open("bad/ten_megabytes.yaml", "w") as f:
    f.write("version: 1\nname: big\ntemplate: \"" + "x" * (10 * 1024 * 1024) + "\"\n")
with open("bad/nested_1000.yaml", "w") as f:
    f.write("version: 1\nname: deep\ninputs: " + "[" * 1000 + "]" * 1000 + "\ntemplate: hi\n")
with open("bad/nested_block_200.yaml", "w") as f:
    f.write("version: 1\nname: deep\ninputs:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(200)) + "template: hi\n")
with open("bad/billion_laughs.yaml", "w") as f:
    f.write("version: 1\nname: lol\n")
    f.write('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n')
    prev = "a"
    for name in "bcdefghi":
        f.write(f"{name}: &{name} [" + ",".join(["*" + prev] * 9) + "]\n")
        prev = name
    f.write("template: hi\n")
PY
for base in ten_megabytes nested_1000 nested_block_200 billion_laughs; do
  check_case "generated/$base" "$data/generated/$base.stderr" prompt add "bad/$base.yaml"
done

# Two files that declare the same prompt name in one command.
cp "$GENOPS_SOURCE_DIR/tests/data/good/prompt/minimal.yaml" bad/one.yaml
cp "$GENOPS_SOURCE_DIR/tests/data/good/prompt/minimal.yaml" bad/two.yaml
check_case "duplicate names" "$data/generated/duplicate_names.stderr" prompt add bad/one.yaml bad/two.yaml

case_ "billion laughs is rejected fast and small"
/usr/bin/time -f "%e %M" -o "$E2E_ROOT/.time" "$GENOPS_BIN" prompt add bad/billion_laughs.yaml >/dev/null 2>&1
read -r seconds kilobytes < <(tail -n 1 "$E2E_ROOT/.time")
awk -v s="$seconds" 'BEGIN { exit !(s < 1.0) }' && ok || bad "took ${seconds}s"
((kilobytes < 100 * 1024)) && ok || bad "peak RSS ${kilobytes} KB"

finish
