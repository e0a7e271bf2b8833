#!/usr/bin/env bats
# pipelines/thematic-analysis.sh and parallel-analysis.sh on the example
# study: every result is there, nothing identifying is left in the data,
# a failing step fails the run, and the sharded run gives the one-process
# bytes.  The filters under test are segment, tag-speaker, anonymize,
# match-theme, tally and pick-quotes, chained.
load helper

setup() {
	T=$BATS_TEST_TMPDIR
	EX=$BATS_TEST_DIRNAME/../examples/compassion
	CB=$BATS_TEST_DIRNAME/../codebooks/compassion.cb
	P=$BATS_TEST_DIRNAME/../pipelines
	export QP_BIN
	head -c 32 /dev/urandom >"$T/key"
	chmod 600 "$T/key"
}

analysis() {  # analysis OUTDIR [OPTIONS...]
	local out=$1
	shift
	"$P/thematic-analysis.sh" -r "$EX/roster.tsv" -t "$EX/terms.tsv" -c "$CB" -o "$out" "$@" "$EX"
}

@test "pipelines: the analysis writes every result, the key apart and private" {
	run analysis "$T/out"
	[ "$status" -eq 0 ]
	for f in coded.tsv.gz tally.tsv matrix.tsv matrix.md matrix-share.tsv matrix-share.md \
	         matrix-speakers.md cooccur.tsv saturation.tsv quotes.tsv quotes.md study.qdpx; do
		[ -s "$T/out/$f" ] || { echo "missing $f"; return 1; }
	done
	unzip -p "$T/out/study.qdpx" project.qde >"$T/project.qde"
	xmllint --noout --schema "$BATS_TEST_DIRNAME/data/refi-qda/Project.xsd" "$T/project.qde"
	[ "$(stat -c %a "$T/out/key")" = 700 ]
	[ "$(stat -c %a "$T/out/key/reidentification.tsv")" = 600 ]
	[[ "$output" == *"4 transcripts"*"segments"*"coded"* ]]
	# Progress is for terminals only: no carriage returns in a captured stderr.
	[[ "$output" != *$'\r'* ]]
}

@test "pipelines: no roster name, e-mail, phone or listed place is left in the coded records" {
	analysis "$T/out" -q
	gzip -dc "$T/out/coded.tsv.gz" >"$T/coded.tsv"
	tail -n +2 "$EX/roster.tsv" | cut -f 1 | while IFS= read -r name; do
		if grep -qiF "$name" "$T/coded.tsv"; then echo "left: $name"; return 1; fi
	done
	for s in '@aldermoor.edu' '555-0186' 'Calder Falls' 'St. Brigid Memorial'; do
		if grep -qiF "$s" "$T/coded.tsv"; then echo "left: $s"; return 1; fi
	done
	grep -q '\[S01\]' "$T/coded.tsv"
	grep -qF 'Maria Delgado	[S01]' "$T/out/key/reidentification.tsv"
}

@test "pipelines: moderator turns are coded but left out of counts and quotes" {
	analysis "$T/out" -q
	gzip -dc "$T/out/coded.tsv.gz" | grep -q '	moderator	'
	[ "$(grep -c 'moderator' "$T/out/tally.tsv")" -eq 0 ]
	[ "$(grep -c '(moderator)' "$T/out/quotes.md")" -eq 0 ]
	head -n 1 "$T/out/matrix.tsv" | grep -q '^code	mcl	ms	sga	total$'
}

@test "pipelines: the counts agree with a count made by hand from the coded records" {
	analysis "$T/out" -q
	# Segments of MS coded barriers/time-constraints, straight from the records.
	want=$(gzip -dc "$T/out/coded.tsv.gz" | awk -F '\t' '
		NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "codes") c = i; if ($i == "role") r = i }; next }
		$r == "MS" && (";" $c ";") ~ /;barriers\/time-constraints;/ { n++ } END { print n }')
	got=$(awk -F '\t' '$1 == "barriers/time-constraints" { print $3 }' "$T/out/matrix.tsv")
	[ "$want" -gt 0 ]
	[ "$got" = "$want" ]
}

# same_results DIR1 DIR2: every result file of the two runs has the same
# bytes (the coded records once decompressed: shards are gzip members),
# and neither run left a file the other has not.
same_results() {
	local f
	for f in tally.tsv matrix.tsv matrix.md matrix-share.tsv matrix-share.md \
	         matrix-speakers.md cooccur.tsv saturation.tsv quotes.tsv quotes.md \
	         study.qdpx key/reidentification.tsv; do
		cmp "$1/$f" "$2/$f" || { echo "$2: $f differs"; return 1; }
	done
	cmp <(gzip -dc "$1/coded.tsv.gz") <(gzip -dc "$2/coded.tsv.gz") ||
		{ echo "$2: coded.tsv.gz differs"; return 1; }
	diff <(cd "$1" && find . | LC_ALL=C sort) <(cd "$2" && find . | LC_ALL=C sort) ||
		{ echo "$2: not the same files"; return 1; }
}

@test "pipelines: sharded (2 and 3 jobs) gives the one-process bytes" {
	analysis "$T/one" -q -k "$T/key"
	for j in 2 3; do
		"$P/parallel-analysis.sh" -j "$j" -q -k "$T/key" -r "$EX/roster.tsv" \
			-t "$EX/terms.tsv" -c "$CB" -o "$T/par$j" "$EX"
		same_results "$T/one" "$T/par$j"
	done
}

# QP_SSH_LOGIN: an sshd on 127.0.0.1 that tests/sshd.sh started for the run
# (tests/run, .ci/run).  The remote side runs in its home folder with its
# login PATH: the pipeline hands it absolute paths, PATH and QP_BIN.
@test "pipelines: sharded over ssh (-S: a loopback sshd, and it with the local host) gives the one-process bytes" {
	if [ -z "${QP_SSH_LOGIN:-}" ]; then
		[ "${CI:-}" != true ] || { echo "CI=true and no sshd: tests/sshd.sh did not run"; return 1; }
		skip "no sshd for the test (Debian: openssh-server; tests/run starts one)"
	fi
	analysis "$T/one" -q -k "$T/key"
	printf '%s\n' "$QP_SSH_LOGIN" >"$T/ssh-only"
	printf '%s\n:\n' "$QP_SSH_LOGIN" >"$T/ssh-and-local"
	# Relative paths, from a folder that is not the remote's home.
	cd "$BATS_TEST_DIRNAME/.."
	for h in ssh-only ssh-and-local; do
		run timeout 300 "$P/parallel-analysis.sh" -j 3 -S "$T/$h" -q -k "$T/key" -r examples/compassion/roster.tsv \
			-t examples/compassion/terms.tsv -c codebooks/compassion.cb -o "$T/$h.out" examples/compassion
		[ "$status" -eq 0 ] || { echo "-S $h: status $status: $output"; return 1; }
		same_results "$T/one" "$T/$h.out"
	done
}

# snapshot DIR: every name under DIR and every file's checksum.
snapshot() {
	(cd "$1" && find . | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum)
}

@test "pipelines: a rerun into the same OUTDIR never touches the key there; -F replaces it" {
	analysis "$T/out" -q
	snapshot "$T/out" >"$T/before"
	for opts in "-q" "-q -k $T/key" "-q -k $T/key -j 2"; do
		# shellcheck disable=SC2086
		run analysis "$T/out" $opts
		[ "$status" -eq 2 ] || { echo "$opts: status $status"; return 1; }
		[[ "$output" == "thematic-analysis: $T/out/key/reidentification.tsv: a re-identification key is there already; it is never replaced:"*"-F"* ]]
		snapshot "$T/out" | diff "$T/before" - || { echo "$opts: OUTDIR touched"; return 1; }
	done
	# -F: replaced by the keyed run's key, still private.
	run analysis "$T/out" -q -F -k "$T/key"
	[ "$status" -eq 0 ]
	analysis "$T/plain" -q
	[ -s "$T/plain/key/reidentification.tsv" ]
	run cmp -s "$T/out/key/reidentification.tsv" "$T/plain/key/reidentification.tsv"
	[ "$status" -eq 1 ]
	[ "$(stat -c %a "$T/out/key/reidentification.tsv")" = 600 ]
	analysis "$T/keyed" -q -k "$T/key"
	same_results "$T/keyed" "$T/out"
}

# stop_midway HOW OUTDIR: a rerun (-F, other quote options) into OUTDIR
# whose pick-quotes --merge has written part of quotes.tsv when it is
# stopped: HOW is fail (pick-quotes exits 2) or a signal sent to the run's
# process group, as ^C sends it.  Sets status to the run's exit status.
stop_midway() {
	local how=$1 out=$2 p real=$QP_BIN pid i
	mkdir -p "$T/wrap"
	for p in "$real"/*; do ln -sf "$p" "$T/wrap/"; done
	rm -f "$T/wrap/pick-quotes" "$T/midway"
	cat >"$T/wrap/pick-quotes" <<WRAP
#!/bin/sh
case " \$* " in *" --merge "*) ;; *) exec '$real/pick-quotes' "\$@" ;; esac
'$real/pick-quotes' "\$@" | head -c 300
touch '$T/midway'
[ '$how' = fail ] && exit 2
exec sleep 60
WRAP
	chmod +x "$T/wrap/pick-quotes"
	# A new process group, with SIGINT not ignored (bats' background jobs
	# ignore it, and bash cannot trap a signal ignored at its start).
	QP_BIN=$T/wrap perl -e '$SIG{INT} = $SIG{TERM} = "DEFAULT"; setpgrp(0, 0); exec @ARGV' \
		"$P/thematic-analysis.sh" -r "$EX/roster.tsv" -t "$EX/terms.tsv" -c "$CB" \
		-q -F -n 1 -w 5 -o "$out" "$EX" >"$T/stopped.log" 2>&1 &
	pid=$!
	for i in $(seq 300); do [ -e "$T/midway" ] && break; sleep 0.1; done
	[ -e "$T/midway" ] || { kill -TERM -- -"$pid"; echo "never reached the merges"; cat "$T/stopped.log"; return 1; }
	[ "$how" = fail ] || kill -"$how" -- -"$pid"
	status=0
	wait "$pid" || status=$?
}

@test "pipelines: a run that fails or is stopped (SIGTERM, SIGINT) midway leaves the previous results whole, and no partial file" {
	analysis "$T/out" -q
	snapshot "$T/out" >"$T/before"
	for how in fail TERM INT; do
		stop_midway "$how" "$T/out"
		case $how in fail) want=2 ;; TERM) want=143 ;; INT) want=130 ;; esac
		[ "$status" -eq "$want" ] || { echo "$how: status $status"; cat "$T/stopped.log"; return 1; }
		snapshot "$T/out" | diff "$T/before" - || { echo "$how: OUTDIR changed"; return 1; }
	done
	# The same rerun, not stopped, does replace the results, and leaves no
	# temporary file.
	run "$P/thematic-analysis.sh" -r "$EX/roster.tsv" -t "$EX/terms.tsv" -c "$CB" \
		-q -F -n 1 -w 5 -o "$T/out" "$EX"
	[ "$status" -eq 0 ]
	run diff "$T/before" <(snapshot "$T/out")
	[ "$status" -eq 1 ]
	[[ "$output" == *"quotes.tsv"* ]]
	[ "$(find "$T/out" -name '.*' | wc -l)" -eq 0 ]
}

@test "pipelines: sharding without a key is refused" {
	run "$P/parallel-analysis.sh" -j 2 -r "$EX/roster.tsv" -c "$CB" -o "$T/x" "$EX"
	[ "$status" -eq 2 ]
	[[ "$output" == *"need -k KEYFILE"* ]]
}

@test "pipelines: gzip transcripts give the same analysis" {
	mkdir "$T/gz"
	for f in "$EX"/*.vtt "$EX"/*.txt; do gzip -c "$f" >"$T/gz/$(basename "$f").gz"; done
	analysis "$T/plain" -q -k "$T/key"
	"$P/thematic-analysis.sh" -q -k "$T/key" -r "$EX/roster.tsv" -t "$EX/terms.tsv" \
		-c "$CB" -o "$T/zipped" "$T/gz"
	cmp "$T/plain/matrix.tsv" "$T/zipped/matrix.tsv"
	cmp "$T/plain/quotes.tsv" "$T/zipped/quotes.tsv"
}

@test "pipelines: a failing step fails the run, loudly" {
	printf 'code broken\nregex (unclosed\n' >"$T/bad.cb"
	run "$P/thematic-analysis.sh" -q -r "$EX/roster.tsv" -c "$T/bad.cb" -o "$T/o" "$EX"
	[ "$status" -ne 0 ]
	[[ "$output" == *"match-theme: $T/bad.cb:2:"* ]]
	run "$P/thematic-analysis.sh" -q -r "$T/none.tsv" -c "$CB" -o "$T/o" "$EX"
	[ "$status" -eq 2 ]
	run "$P/thematic-analysis.sh" -q -r "$EX/roster.tsv" -c "$CB" -o "$T/o" "$T/nothing-here"
	[ "$status" -eq 2 ]
}

@test "pipelines: -H measures the codes against a hand-coded sample, as agree does on the coded records" {
	analysis "$T/out" -q -k "$T/key" -H "$EX/hand-coded.tsv"
	# the same figures from the coded records by hand: the sample's turns
	gzip -dc "$T/out/coded.tsv.gz" | awk -F '\t' 'NR == FNR { w[$1 FS $2]; next }
		FNR == 1 || ($1 FS $2) in w' "$EX/hand-coded.tsv" - >"$T/sample.tsv"
	[ "$(($(wc -l <"$T/sample.tsv") - 1))" -eq 60 ]
	agree -c human,codes --with "$T/sample.tsv" "$EX/hand-coded.tsv" >"$T/want.tsv"
	cmp "$T/want.tsv" "$T/out/agreement.tsv"
	# the first code as tests/codebook/score.awk counts it: 37 of 60
	run awk -F '\t' '$1 == "(first)" { print $2, $6 }' "$T/out/agreement.tsv"
	[ "$output" = "60 0.616667" ]
	head -n 1 "$T/out/agreement.md" | grep -q '^| code '
	# sharded, the same agreement
	"$P/parallel-analysis.sh" -j 2 -q -k "$T/key" -r "$EX/roster.tsv" -t "$EX/terms.tsv" \
		-c "$CB" -H "$EX/hand-coded.tsv" -o "$T/par" "$EX"
	cmp "$T/out/agreement.tsv" "$T/par/agreement.tsv"
	cmp "$T/out/agreement.md" "$T/par/agreement.md"
}

@test "pipelines: -m codes with a learned model beside the codebook; its first code agrees at least as well as the rules alone" {
	S=$BATS_TEST_DIRNAME/codebook
	learn --codes expected "$S/compassion-segments.tsv" "$S/dev-segments.tsv" >"$T/m.model"
	analysis "$T/rules" -q -H "$EX/hand-coded.tsv"
	analysis "$T/out" -q -m "$T/m.model" -H "$EX/hand-coded.tsv"
	[ "$(gzip -dc "$T/out/coded.tsv.gz" | head -n 1 | tr '\t' '\n' | tail -n 1)" = scores ]
	r=$(awk -F '\t' '$1 == "(first)" { print $6 }' "$T/rules/agreement.tsv")
	m=$(awk -F '\t' '$1 == "(first)" { print $6 }' "$T/out/agreement.tsv")
	echo "first code: rules $r, rules+model $m"
	[ "$r" = 0.616667 ]
	awk -v r="$r" -v m="$m" 'BEGIN { exit !(m >= r) }'
	run "$P/thematic-analysis.sh" -r "$EX/roster.tsv" -c "$CB" -m "$T/nothing.model" -o "$T/x" "$EX"
	[ "$status" -eq 2 ]
	[[ "$output" == *"cannot read the model"* ]]
}

@test "pipelines: a hand-coded unit that is no segment of the run fails it, and nothing is written" {
	{ cat "$EX/hand-coded.tsv"; printf 'mcl-group\t9999\tdefinition\n'; } >"$T/bad.tsv"
	run analysis "$T/out" -q -H "$T/bad.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == *"agree: "*"9999"* ]]
	[ ! -e "$T/out/agreement.tsv" ]
	[ ! -e "$T/out/tally.tsv" ]
	run analysis "$T/out2" -q -H "$T/missing.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == *"cannot read the hand-coded sample"* ]]
}

@test "pipelines: usage errors" {
	run "$P/thematic-analysis.sh" -r "$EX/roster.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage: thematic-analysis.sh"* ]]
	run "$P/thematic-analysis.sh" -h
	[ "$status" -eq 0 ]
	[[ "$output" == *"-j JOBS"* ]]
}

@test "pipelines: progress is shown when standard error is a terminal" {
	command -v script >/dev/null || skip "script(1) is not installed"
	run script -qec "'$P/thematic-analysis.sh' -r '$EX/roster.tsv' -c '$CB' -o '$T/tty' '$EX'" /dev/null
	[ "$status" -eq 0 ]
	[[ "$output" == *"thematic-analysis: ~"*"/4 files, "*" MB/s"* ]]
}
