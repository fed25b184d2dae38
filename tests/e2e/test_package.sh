#!/usr/bin/env bash
# Installing without building: the shell completion scripts complete
# subcommands and store values, the man page lists every command --help
# lists, and the Debian package (CPack over this build) holds the binary,
# man page, completions, docs and examples, and its extracted binary runs
# an example.
source "$(dirname "$0")/lib.sh"
examples="$GENOPS_SOURCE_DIR/examples"

# Completes the command line "$@" (the last word is the one being completed)
# with the generated bash script; prints the candidates, one per line.
complete_bash() {
  bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _genops; printf "%s\n" "${COMPREPLY[@]}"' _ "$E2E_ROOT/genops.bash" "$GENOPS_BIN" "$@"
}

case_ "completion scripts are valid bash and zsh"
run genops completion bash
expect_exit 0; expect_out_contains "complete -o default -F _genops genops"
printf '%s\n' "$out" >"$E2E_ROOT/genops.bash"
run bash -n "$E2E_ROOT/genops.bash"
expect_exit 0
run genops completion zsh
expect_exit 0; expect_out_contains "#compdef genops"
printf '%s\n' "$out" >"$E2E_ROOT/_genops"
run zsh -n "$E2E_ROOT/_genops"
expect_exit 0
run genops completion fish
expect_exit 2; expect_err_contains "fish"

case_ "bash completes subcommands and flags from the command table"
expect_eq "$(complete_bash pr)" "prompt
providers"
expect_eq "$(complete_bash prompt sh)" "show"
expect_eq "$(complete_bash prompt add --la)" "--label"
expect_eq "$(complete_bash --store x.db prompt l)" "list
log
label"

case_ "completion of store values: none without a store, and nothing created"
mkdir -p "$E2E_ROOT/empty" && cd "$E2E_ROOT/empty" || exit 2
run genops --store "$E2E_ROOT/empty/none.db" __complete prompts
expect_exit 0; expect_eq "$out" ""; expect_err_empty
expect_no_file "$E2E_ROOT/empty/none.db"
expect_eq "$(complete_bash --store "$E2E_ROOT/empty/none.db" prompt show su)" ""

case_ "completion of store values: prompt names and labels, run ids"
cp -r "$examples/support-eval" "$E2E_ROOT/support-eval" && cd "$E2E_ROOT/support-eval" || exit 2
run genops prompt add prompts/answer.yaml --label production
expect_exit 0
expect_eq "$(complete_bash prompt show su)" "support-answer
support-answer@production"
run genops run chains/support.yaml --var question="How do I get a refund?"
expect_exit 0
run_id=$(genops runs list --json | jq -r '.[0].id')
expect_eq "$(complete_bash runs trace "${run_id:0:6}")" "$run_id"
expect_eq "$(complete_bash providers check ju)" "judge"
run genops eval evals/support.yaml
expect_exit 0
eval_id=$(genops evals list --json | jq -r '.[0].id')
expect_eq "$(complete_bash evals list sup)" "support-regression"
expect_eq "$(complete_bash evals show "${eval_id:0:6}")" "$eval_id"

case_ "the man page lists every command --help lists, and renders without warnings"
run genops __man
expect_exit 0
man_page=$out
run groff -man -Tutf8 -ww -z <<<"$man_page"
expect_exit 0; expect_err_empty
commands=$(genops --help | awk '/^Subcommands:/ {on = 1; next} on && /^$/ {exit} on && /^  [a-z]/ {print $1}')
[[ -n $commands ]] && ok || bad "no subcommands found in genops --help"
for c in $commands; do
  [[ $man_page == *".SS \"genops $c\""* ]] && ok || bad "man page lacks genops $c"
  subs=$(genops "$c" --help | awk '/^Subcommands:/ {on = 1; next} on && /^$/ {exit} on && /^  [a-z]/ {print $1}')
  for s in $subs; do
    [[ $man_page == *".SS \"genops $c $s\""* ]] && ok || bad "man page lacks genops $c $s"
  done
done
for word in "EXIT STATUS" "ENVIRONMENT" "GENOPS_STORE" "130"; do
  [[ $man_page == *"$word"* ]] && ok || bad "man page lacks $word"
done
# Every GENOPS_ variable the sources read is documented.
for var in $(grep -rhoE '"GENOPS_[A-Z_]+"' "$GENOPS_SOURCE_DIR"/{core,cli,providers,chains,eval} | tr -d '"' | sort -u); do
  [[ $man_page == *"$var"* ]] && ok || bad "man page lacks $var"
done

case_ "--version names the commit"
run genops --version
expect_exit 0
[[ $out =~ ^genops\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ [0-9a-f]{7,}(-dirty)?\)$|\(commit\ unknown\)$ ]] && ok || bad "unexpected --version: $out"

case_ "the Debian package: contents, Depends, and the extracted binary runs an example"
build_dir=$(dirname "$GENOPS_BIN")
if [[ ! -f $build_dir/CPackConfig.cmake ]]; then
  bad "no CPackConfig.cmake next to $GENOPS_BIN"
else
  cpack --config "$build_dir/CPackConfig.cmake" -B "$E2E_ROOT/pkg" >"$E2E_ROOT/cpack.log" 2>&1
  deb=$(ls "$E2E_ROOT"/pkg/genops_*_*.deb 2>/dev/null | head -1)
  [[ -n $deb ]] && ok || bad "cpack made no .deb: $(cat "$E2E_ROOT/cpack.log")"
  run dpkg -c "$deb"
  for f in ./usr/bin/genops ./usr/lib/genops/genops_http.so ./usr/lib/genops/genops_postgresql.so \
           ./usr/lib/genops/genops_sqlite.so ./usr/lib/genops/genops_crypto.so ./usr/lib/genops/genops_view_http.so ./usr/share/man/man1/genops.1.gz ./usr/share/bash-completion/completions/genops \
           ./usr/share/zsh/vendor-completions/_genops ./usr/share/doc/genops/README.md \
           ./usr/share/doc/genops/docs/eval.md ./usr/share/doc/genops/examples/support-eval/evals/support.yaml; do
    expect_out_contains " $f"
  done
  expect_out_lacks ".genops/"
  run dpkg -I "$deb"
  expect_out_contains "Package: genops"
  # The modules' libraries; yaml-cpp, RE2, utf8proc and xxhash are linked from their static archives.
  for lib in libsqlite3-0 libcurl4 libpq5 libssl3 libcpp-httplib0.11 libstdc++6; do
    [[ $(grep '^ Depends:' <<<"$out") == *"$lib"* ]] && ok || bad "Depends lacks $lib"
  done
  for lib in libyaml-cpp0.7 libre2-9; do
    [[ $(grep '^ Depends:' <<<"$out") != *"$lib"* ]] && ok || bad "Depends has $lib, linked statically"
  done
  dpkg -x "$deb" "$E2E_ROOT/root"
  installed="$E2E_ROOT/root/usr/bin/genops"
  run "$installed" --version
  expect_exit 0; expect_out_contains "genops "
  cp -r "$E2E_ROOT/root/usr/share/doc/genops/examples/support-eval" "$E2E_ROOT/installed-eval"
  cd "$E2E_ROOT/installed-eval" || exit 2
  run "$installed" eval evals/support.yaml -o report.md
  expect_exit 0
  expect_out_contains "5 of 7"
  expect_file report.md
  run zcat "$E2E_ROOT/root/usr/share/man/man1/genops.1.gz"
  expect_out_contains ".TH GENOPS 1"
fi

finish
