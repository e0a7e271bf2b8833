# bench/lib.sh: measuring and number formatting for bench/run (sourced).
#
# The caller sets RUNS (runs per measurement), TMO (seconds before a run
# is killed) and WORK (a scratch folder), and declares the associative
# arrays below before sourcing nothing else into them.  Every measurement
# is kept under a key:
#   WALL[key]  median elapsed seconds       CPU[key]  median user+system s
#   RSS[key]   largest peak RSS of the runs, KiB (GNU time's %M: the
#              biggest single process of the command's tree, not a sum)
#   BYTES[key] input bytes                  STAT[key] ok, failed or skipped
#   NOTE[key]  why it failed or was skipped LOAD[key] 1-minute load before
#   CMDS[key]  the command, for the report

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 2; }

# calc EXPR: evaluate an awk expression (floating point), print %.4g-ish.
calc() { awk "BEGIN { x = $1; print x }"; }

# median: the median of the numbers on standard input.
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "nan"; exit }
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# skip KEY WHY CMD...: record a measurement that was not made.
skip() {
	local key=$1 why=$2
	shift 2
	STAT[$key]=skipped NOTE[$key]=$why CMDS[$key]=$*
	say "skipped $key: $why"
}

# measure [-i IN] [-o OUT] KEY BYTES CMD...
# Runs CMD RUNS times (standard input IN, default /dev/null; standard
# output OUT, default /dev/null; standard error to WORK/KEY.err) under
# GNU time and timeout, and records the medians.  A run that fails or
# times out ends the measurement: STAT failed, NOTE says why, the return
# status is 1.
measure() {
	local in=/dev/null out=/dev/null
	while :; do
		case $1 in
		-i) in=$2; shift 2 ;;
		-o) out=$2; shift 2 ;;
		*) break ;;
		esac
	done
	local key=$1 bytes=$2
	shift 2
	local tf=$WORK/$key.time i rc walls='' cpus='' rss=0 w c m
	CMDS[$key]=$*
	BYTES[$key]=$bytes
	LOAD[$key]=$(cut -d ' ' -f 1 /proc/loadavg)
	for ((i = 1; i <= RUNS; i++)); do
		rc=0
		/usr/bin/time -f '%e %U %S %M' -o "$tf" \
			timeout "$TMO" "$@" <"$in" >"$out" 2>"$WORK/$key.err" || rc=$?
		if [ "$rc" != 0 ]; then
			STAT[$key]=failed
			if [ "$rc" = 124 ]; then
				NOTE[$key]="killed after ${TMO} s (BENCH_TIMEOUT)"
			else
				NOTE[$key]="exit status $rc: $(tail -n 1 "$WORK/$key.err" 2>/dev/null | cut -c 1-160)"
			fi
			say "$key FAILED, run $i: ${NOTE[$key]}"
			return 1
		fi
		read -r w c m <<EOF
$(tail -n 1 "$tf" | awk '{ print $1, $2 + $3, $4 }')
EOF
		walls="$walls$w"$'\n' cpus="$cpus$c"$'\n'
		[ "$m" -gt "$rss" ] && rss=$m
		say "$(printf '%-12s run %d/%d: %7.2f s wall %7.2f s CPU %7.1f MiB' "$key" "$i" "$RUNS" "$w" "$c" "$(calc "$m / 1024")")"
	done
	WALL[$key]=$(printf '%s' "$walls" | median)
	CPU[$key]=$(printf '%s' "$cpus" | median)
	RSS[$key]=$rss
	STAT[$key]=ok
}

ok() { [ "${STAT[$1]:-}" = ok ]; }

# mib BYTES: bytes in MiB, one decimal.
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# rate KEY: MiB/s of the median wall time.
rate() {
	ok "$1" || { echo -; return; }
	awk -v b="${BYTES[$1]}" -v t="${WALL[$1]}" 'BEGIN {
		if (t <= 0) t = 0.005      # below the 10 ms resolution of GNU time
		printf "%.1f", b / 1048576 / t }'
}

# ratio A B [cpu]: time of A over time of B (wall, or CPU with "cpu").
ratio() {
	ok "$1" && ok "$2" || { echo -; return; }
	local a=${WALL[$1]} b=${WALL[$2]}
	if [ "${3:-}" = cpu ]; then a=${CPU[$1]} b=${CPU[$2]}; fi
	awk -v a="$a" -v b="$b" 'BEGIN {
		if (a <= 0) a = 0.005; if (b <= 0) b = 0.005
		printf "%.2f", a / b }'
}

# verdict VALUE OP TARGET: PASS or MISS, and by how much (per cent of the
# target).  OP is <= or >=.
verdict() {
	[ "$1" = - ] && { echo "not measured"; return; }
	awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
		if (op == "<=") { pass = v <= t; d = (v - t) / t }
		else { pass = v >= t; d = (t - v) / t }
		if (d < 0) d = -d
		if (op == "<=") w = pass ? "under" : "over"
		else w = pass ? "above" : "short"
		printf "%s (%.0f%% %s)", pass ? "PASS" : "MISS", d * 100, w }'
}

# save FILE: the measurements as a record stream, for other tools.
save() {
	local k
	printf 'key\tstatus\tbytes\twall\tcpu\trss_kib\tload\tnote\tcommand\n'
	for k in "${!STAT[@]}"; do
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$k" "${STAT[$k]}" "${BYTES[$k]:-}" \
			"${WALL[$k]:-}" "${CPU[$k]:-}" "${RSS[$k]:-}" "${LOAD[$k]:-}" "${NOTE[$k]:-}" \
			"$(printf '%s' "${CMDS[$k]:-}" | tr '\t\n' '  ')"
	done | sort
}
