# bench/report.sh: the report of bench/run (sourced by it after the
# measurements): report() writes RESULTS.md, summary() the table for the
# terminal.  Reads the arrays and variables bench/run sets.

ver() {  # ver CMD...: the first line the command prints, or "absent"
	local v
	v=$("$@" 2>&1 | head -n 1) || true
	printf '%s' "${v:-absent}"
}

# One line of a filter table:  | label | command | MiB | MiB/s | wall | CPU | RSS | load | vs |
row() {  # row KEY LABEL VS
	local k=$1 label=$2 vs=$3
	if ok "$k"; then
		printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" \
			"$(mib "${BYTES[$k]}")" "$(rate "$k")" "${WALL[$k]}" "$(printf '%.2f' "${CPU[$k]}")" \
			"$(mib "$(( RSS[$k] * 1024 ))")" "${LOAD[$k]}" "$vs"
	else
		printf '| %s | - | - | - | - | - | - | %s: %s |\n' "$label" "${STAT[$k]:-not run}" "${NOTE[$k]:-}"
	fi
}
thead() {
	echo '| what | MiB in | MiB/s | wall s | CPU s | peak RSS MiB | load | against the others |'
	echo '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |'
}
# x A B: "N× B's time" text, or "-".
x() { local r; r=$(ratio "$1" "$2"); [ "$r" = - ] && echo - || echo "${r}×"; }

# The goals, one line each: name|measured wall|measured CPU|op|target|unit
goals() {
	echo "segment time / wc -l time|$(ratio seg.turn seg.wc)|$(ratio seg.turn seg.wc cpu)|<=|3|×"
	echo "redact-pii time / anonymize time (same slice)|$(ratio anon.redact anon.slice)|$(ratio anon.redact anon.slice cpu)|>=|20|×"
	echo "match-theme time / rg time (LIWC-sized)|$(ratio mt.liwc mt.rg)|$(ratio mt.liwc mt.rg cpu)|<=|1.5|×"
	echo "Miller time / tally time (same slice)|$(ratio tally.mlr tally.slice)|$(ratio tally.mlr tally.slice cpu)|>=|5|×"
	# A speedup is a matter of wall time: CPU time only adds up the cores.
	echo "pipeline 1 process / 2 shards|$(ratio pipe.j1 pipe.j2)|-|>=|1.8|×"
	local k l
	for k in seg.turn seg.sent tag.ts anon.full mt.liwc mt.cb; do
		case $k in
		seg.turn) l=segment ;; seg.sent) l='segment -u sentence' ;;
		tag.ts) l=tag-speaker ;; anon.full) l=anonymize ;;
		mt.liwc) l='match-theme (LIWC-sized)' ;; mt.cb) l='match-theme (compassion.cb)' ;;
		esac
		if ok "$k"; then
			echo "peak RSS of $l|$(mib "$(( RSS[$k] * 1024 ))")|-|<=|32| MiB"
		else
			echo "peak RSS of $l|-|-|<=|32| MiB"
		fi
	done
}

report() {
	local mem
	mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
	cat <<EOF
# qualpipe benchmark results

Written by \`bench/run\` (\`make bench\`) on $(date -u '+%Y-%m-%d %H:%M UTC'), in
$(( ELAPSED / 60 )) min $(( ELAPSED % 60 )) s.  Command:

    BENCH_MB=$MB BENCH_SEED=$SEED BENCH_RUNS=$RUNS make bench

## Machine

| | |
| --- | --- |
| processors | $(nproc) ($(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)) |
| memory | $mem |
| kernel | $(uname -sr) |
| load average (1, 5, 15 min) | $LOAD_START at the start, $LOAD_END at the end |
| qualpipe | $(cat VERSION), the programs as built at $BUILT: commit $COMMIT$([ -n "$DIRTY" ] && echo " with uncommitted changes (others' work in progress) to: ${DIRTY% }") |
| compiler | $(ver cc --version) |
| ripgrep | $(ver rg --version) |
| Miller | $(ver mlr --version) |
| node | $(ver node --version) |
| sbd (npm) | $([ "$HAVE_SBD" = 1 ] && npm_version sbd || echo "absent: $SBD_WHY") |
| redact-pii (npm) | $([ "$HAVE_REDACT" = 1 ] && npm_version redact-pii || echo "absent: $REDACT_WHY") |
| GNU parallel | $(ver parallel --version) |
| awk | $(ver awk -W version) |
| coreutils | $(ver sort --version) |

The load column of the tables is the 1-minute load average just before
the first run of each measurement.  On this machine other people's builds
and tests ran at the same time, so wall-clock times are inflated and noisy;
CPU seconds (user + system) are steadier and are given beside them.

## Data

- Corpus: \`gencorpus -s $SEED -m $MB\`: ${#FILES[@]} transcripts in turn Zoom WebVTT,
  Teams WebVTT, Otter.ai and labelled text, $(mib "$TBYTES") MiB, and its roster
  ($(( $(wc -l <"$ROSTER") - 1 )) people; tag-speaker
  reported $(grep -c -E 'unmatched|ambiguous|no speaker' "$WORK/stage-tag.err" || true) unmatched, ambiguous or missing labels).
- Streams made from it by one unmeasured pass of the filters: segments
  $(mib "$(sz "$WORK/seg.tsv")") MiB ($(( $(wc -l <"$WORK/seg.tsv") - 1 )) turns), tagged $(mib "$(sz "$WORK/tag.tsv")") MiB,
  anonymized $(mib "$(sz "$WORK/anon.tsv")") MiB, coded with codebooks/compassion.cb
  $(mib "$(sz "$WORK/coded.tsv")") MiB.
- LIWC-sized: \`bench/gen-liwc.sh -m $LIWC_MB -t 5000 -w 30 -c 60 -s $SEED\`: a .dic of
  5,000 entries (30% wildcards) in 60 categories and a stream of $(mib "$LB") MiB.
- Slices (the first whole records or files): for sbd $(mib "$SBYTES") MiB of transcripts
  (${#SLICE[@]} files); for redact-pii $(mib "$STAGB") MiB of tagged records; for Miller and
  sort $(mib "$SCODB") MiB of coded records.

## Method

Every command ran $RUNS time(s); the tables give the median wall-clock time
(GNU time \`%e\`), the median CPU time (\`%U + %S\`) and the largest peak
resident set size of the runs (\`%M\`; for a pipeline or script, that of its
biggest single process, not the sum).  MiB/s is input MiB over median wall
time.  Inputs are files read from the page cache; output goes to
/dev/null (pipelines: to their output folder).  Ratios compare times on the
same bytes; each goal is also computed from CPU times (except the
speedup, which only wall time can show).  The programs are copies of
bin/ taken at the start (built by \`make\` from the work tree), so that a
rebuild during the run changes nothing.

## Goals

| goal | measured | measured on CPU time | target | verdict |
| --- | ---: | ---: | ---: | --- |
EOF
	local name m c op t u
	while IFS='|' read -r name m c op t u; do
		printf '| %s | %s | %s | %s %s%s | %s |\n' "$name" \
			"$([ "$m" = - ] && echo - || echo "$m$u")" "$([ "$c" = - ] && echo - || echo "$c$u")" \
			"$([ "$op" = '<=' ] && echo '≤' || echo '≥')" "$t" "$u" "$(verdict "$m" "$op" "$t")"
	done < <(goals)
	awk -v m="$MB" 'BEGIN { exit !(m < 1024) }' && printf '\nThe RSS goal is set for 1 GiB of input; this run had %s MiB.\n' "$MB"
	cat <<EOF

The shard goal may be out of reach on $(nproc) cores: the one-process
pipeline already runs its filters side by side in a pipe (segment,
tag-speaker, anonymize, match-theme, gzip, the tallies and pick-quotes are
separate processes), so it uses both cores for much of the run.  Outputs of
the two runs identical: $SAME.
EOF
	if ok pipe.j1 && ok pipe.j2; then
		awk -v w1="${WALL[pipe.j1]}" -v c1="${CPU[pipe.j1]}" -v c2="${CPU[pipe.j2]}" -v n="$(nproc)" 'BEGIN {
			printf "Here the one-process run kept %.2f cores busy on average (CPU time over\n", c1 / w1
			printf "wall time).  The sharded run did %.1f CPU seconds of work, which %d cores\n", c2, n
			printf "cannot do in less than %.1f s: a speedup of at most %.2fx on this machine.\n", c2 / n, w1 / (c2 / n) }'
	fi
	cat <<EOF

## segment

On the transcripts.  \`cat\` and \`wc -l\` are the floor: reading the bytes.

EOF
	thead
	row seg.cat 'cat' ''
	row seg.wc 'wc -l' ''
	row seg.turn 'segment' "$(x seg.turn seg.wc) wc -l time, $(x seg.turn seg.cat) cat"
	row seg.sent 'segment -u sentence' "$(x seg.sent seg.wc) wc -l time"
	cat <<EOF

Sentences, against the npm package sbd on a slice: segment reads the
transcripts of the slice, sbd (bench/sbd.js) the text column of segment's
turns of the same files, so it is spared the parsing of the formats.

EOF
	thead
	row sent.seg 'segment -u sentence' ''
	row sent.sbd 'sbd (node bench/sbd.js)' "$(x sent.sbd sent.seg) segment's time"
	cat <<EOF

Sentences found: segment ${SENT_SEG:-?}, sbd ${SENT_SBD:-?}.  (gencorpus writes some
sentences that start in lower case, such as "... told me that. honestly, ...";
segment's splitter does not break before a lower-case word, sbd does.)

## tag-speaker

On the segment stream.  The awk join looks the exact label up in the roster
(no aliases, no folding beyond case, no parts): a floor, not an equal.

EOF
	thead
	row tag.cat 'cat' ''
	row tag.awk 'awk join' ''
	row tag.ts 'tag-speaker --roster' "$(x tag.ts tag.cat) cat, $(x tag.ts tag.awk) awk"
	cat <<EOF

## anonymize

\`anonymize --roster --key-file\` on the tagged stream, and against redact-pii
$(npm_version redact-pii 2>/dev/null) (SyncRedactor, its defaults; the text and speaker columns;
the node script of bench/anonymize.sh) on a slice of the same stream.

EOF
	thead
	row anon.full 'anonymize (whole stream)' ''
	row anon.slice 'anonymize (slice)' ''
	row anon.redact 'redact-pii (slice)' "$(x anon.redact anon.slice) anonymize's time; anonymize's MiB/s on the whole stream is $(awk -v a="$(rate anon.full)" -v r="$(rate anon.redact)" 'BEGIN { if (a + 0 > 0 && r + 0 > 0) printf "%.1f", a / r; else printf "-" }')× this"
	if [ -n "$RECALL" ]; then
		printf '\nRecall and over-redaction on the evaluation set (tests/eval/anonymize),\nfrom `bench/anonymize.sh 1`:\n\n'
		printf '%s\n' "$RECALL" | sed 's/^/    /'
	fi
	cat <<EOF

## match-theme

The LIWC-sized dictionary on the gen-liwc stream, against
\`rg -c -i -w -F -f terms.txt\` (the same entries as fixed words, wildcards
dropped: ripgrep counts matching lines, match-theme counts every hit of
every category and expands the wildcards); then codebooks/compassion.cb on
the corpus's anonymized stream.

EOF
	thead
	row mt.rg 'rg -c -i -w -F -f terms.txt' ''
	row mt.liwc 'match-theme liwc.dic' "$(x mt.liwc mt.rg) rg's time"
	row mt.cat 'cat (anonymized stream)' ''
	row mt.cb 'match-theme compassion.cb' "$(x mt.cb mt.cat) cat"
	row mt.stem 'match-theme compassion.cb, stem on' "$(x mt.stem mt.cb) compassion.cb's time"
	cat <<EOF

## tally

\`tally --by role\` (with its default roll-up to parent codes, and the
speaker and doc counts) on the coded stream, and on a slice against the
segments per code and role from Miller,

    mlr --tsv filter '\$codes != ""' then nest --explode --values --across-records \\
        -f codes --nested-fs ';' then count -g codes,role

and from \`tail | cut -f role,codes | awk (one line per code) | sort | uniq -c\`.
\`tally --by role --no-rollup\` gives exactly those counts; do the three agree?
$AGREE.

EOF
	thead
	row tally.full 'tally --by role (whole stream)' ''
	row tally.slice 'tally --by role (slice)' ''
	row tally.nr 'tally --by role --no-rollup (slice)' ''
	row tally.mlr 'Miller (slice)' "$(x tally.mlr tally.slice) tally's time"
	row tally.sort 'cut, awk, sort, uniq -c (slice)' "$(x tally.sort tally.slice) tally's time"
	if ok tally.mlr && awk -v w="${WALL[tally.mlr]}" -v c="${CPU[tally.mlr]}" 'BEGIN { exit !(c > 1.2 * w) }'; then
		printf '\nMiller spends more CPU time than wall time: it works on more than one\ncore, which a busy machine or a sharded run does not give it.\n'
	fi
	cat <<EOF

## pick-quotes

EOF
	thead
	row pq.full 'pick-quotes --by role' ''
	cat <<EOF

## The whole pipeline

\`pipelines/thematic-analysis.sh -q -F -r ROSTER -c codebooks/compassion.cb -k KEY
-j N -o OUT CORPUS\`: segment, tag-speaker, anonymize and match-theme in a
pipe, and beside it the coded stream gzipped and counted by tally and
pick-quotes into every report the script writes; with -j 2, two shards run
by GNU parallel, then the merges.  MiB are transcript MiB.

EOF
	thead
	row pipe.j1 'one process (-j 1)' ''
	row pipe.j2 'two shards (-j 2)' "$(ratio pipe.j1 pipe.j2)× speedup"
}

summary() {
	local k label
	printf '\n%-40s %9s %9s %9s %9s\n' 'qualpipe bench' 'MiB/s' 'wall s' 'CPU s' 'RSS MiB'
	while IFS='|' read -r k label; do
		if ok "$k"; then
			printf '%-40s %9s %9s %9.2f %9s\n' "$label" "$(rate "$k")" "${WALL[$k]}" "${CPU[$k]}" "$(mib "$(( RSS[$k] * 1024 ))")"
		else
			printf '%-40s %s\n' "$label" "${STAT[$k]:-not run} ${NOTE[$k]:-}"
		fi
	done <<'EOF'
seg.cat|cat (transcripts)
seg.wc|wc -l (transcripts)
seg.turn|segment
seg.sent|segment -u sentence
sent.seg|segment -u sentence (sbd slice)
sent.sbd|sbd (slice)
tag.cat|cat (segments)
tag.awk|awk join (segments)
tag.ts|tag-speaker
anon.full|anonymize
anon.slice|anonymize (redact-pii slice)
anon.redact|redact-pii (slice)
mt.rg|rg -F -f terms.txt (LIWC)
mt.liwc|match-theme liwc.dic
mt.cat|cat (anonymized)
mt.cb|match-theme compassion.cb
mt.stem|match-theme compassion.cb, stem on
tally.full|tally --by role
tally.slice|tally --by role (peer slice)
tally.nr|tally --no-rollup (peer slice)
tally.mlr|Miller (peer slice)
tally.sort|cut/awk/sort/uniq -c (peer slice)
pq.full|pick-quotes --by role
pipe.j1|pipeline -j 1
pipe.j2|pipeline -j 2
EOF
	printf '\n%-48s %9s %9s %8s  %s\n' goal measured 'on CPU' target verdict
	local name m c op t u
	while IFS='|' read -r name m c op t u; do
		printf '%-48s %9s %9s %8s  %s\n' "$name" "$m" "$c" "$op $t" "$(verdict "$m" "$op" "$t")"
	done < <(goals)
}
