#!/usr/bin/env bash
# thematic-analysis.sh: transcripts to a thematic analysis in one command.
#
# usage: thematic-analysis.sh -r ROSTER -c CODEBOOK -o OUTDIR [-k KEYFILE]
#            [-t TERMS] [-b BYCOL] [-n QUOTES] [-x ROLE] [-j JOBS]
#            [-w WORDS] [-S SSHLOGINFILE] [-s SATOPTS] [-m MODEL]
#            [-H HANDCODED] [-F] [-q] INPUT...
#
# INPUT is transcript files or folders (searched for .vtt .srt .txt, each
# optionally .gz), taken in bytewise order of their paths.  They are read
# once, as one stream:
#
#   segment | tag-speaker | anonymize | match-theme
#     -> coded.tsv.gz              the de-identified coded records, every turn
#     -> without ROLE's turns:     tally.tsv, matrix.tsv/.md (segments),
#                                  matrix-share.tsv/.md (share of the group's
#                                  segments), matrix-speakers.md (people),
#                                  cooccur.tsv, saturation.tsv, quotes.tsv/.md
#     -> with -H:                  agreement.tsv/.md (agree: the hand coding
#                                  of a sample against the codes given)
#     -> study.qdpx                the coded records as a REFI-QDA project
#                                  for MAXQDA, NVivo, ATLAS.ti, QualCoder
#                                  (to-qdpx; from-qdpx --segments brings a
#                                  researcher's coding back)
#     -> report.html               all of it as one HTML page (report)
#   key/reidentification.tsv       the re-identification key (0600, folder 0700)
#
# Every result is written to a temporary file beside it and renamed into
# place only when all of them are complete: a run that fails or is stopped
# leaves OUTDIR as it was.  An existing key is never replaced without -F.
#
#   -r ROSTER     roster record stream (name aliases role participant ...)
#   -c CODEBOOK   codebook (codebook(5)) or LIWC .dic
#   -o OUTDIR     output folder (created; result files in it are replaced,
#                 but not a key already there: see -F)
#   -k KEYFILE    keyed pseudonyms (anonymize --key-file); needed with -j > 1
#   -t TERMS      further identifiers for anonymize (records: term category)
#   -b BYCOL      grouping column for counts and quotes (default role)
#   -n QUOTES     quotes per theme and group (default 3)
#   -w WORDS      shortest quote, in words (default 15: a table quote, not a
#                 "Yeah, totally")
#   -x ROLE       role left out of counts and quotes (default moderator;
#                 -x '' keeps every turn)
#   -j JOBS       shards run by GNU parallel, merged with --merge (default 1);
#                 the results are byte for byte those of one process
#   -S FILE       GNU parallel --sshloginfile: run the shards on those hosts
#                 (':' is this one); they must see the same paths (the
#                 inputs, the programs, TMPDIR) and have GNU parallel's perl;
#                 PATH and QP_BIN are passed on and paths made absolute
#   -s SATOPTS    options for tally --saturation (default: Guest et al.'s
#                 '--base 4 --run 2 --threshold 5'; e.g. '--base 2 --run 1')
#   -m MODEL      code with a learned model beside the codebook
#                 (match-theme --model; learn(1) makes one)
#   -H HANDCODED  a hand-coded sample (records: doc seg human, human the
#                 ;-separated codes a person gave, empty = none): its
#                 agreement with the codes given, as agree -c human,codes
#                 reports it; every unit must be one of the run's segments
#   -F            replace the key in OUTDIR/key (the old key is lost, and
#                 with it the way back from the old results' tags)
#   -q            no progress display and no summary
# Programs come from QP_BIN, else the bin/ beside this script, else PATH.
set -euo pipefail

prog=thematic-analysis
die() { echo "$prog: $*" >&2; exit 2; }
usage() { sed -n '4,6p' "$0" | sed 's/^# //' >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
bin=${QP_BIN:-}
if [ -z "$bin" ] && [ -x "$here/../bin/segment" ]; then bin=$here/../bin; fi
# Shards run by GNU parallel, on this host or over ssh, get the same
# programs: PATH and QP_BIN go with them.
if [ -n "$bin" ]; then PATH=$bin:$PATH; export PATH QP_BIN=$bin; fi

# Drops the records whose role is $1 (no-op when $1 is empty).
drop_role() {
	LC_ALL=C awk -F '\t' -v drop="$1" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == "role") rc = i; print; next }
		drop == "" || rc == 0 || $rc != drop'
}

# The map stage: files in, coded records to $1 (a FIFO or file) and the
# counting stream (ROLE's turns dropped) to standard output.
code_stream() {
	local coded=$1
	shift
	local anon=(--roster "$QP_ROSTER" --map "$QP_MAP")
	[ -n "$QP_KEY" ] && anon+=(--key-file "$QP_KEY")
	[ -n "$QP_TERMS" ] && anon+=(--terms "$QP_TERMS")
	local mt=()
	[ -n "$QP_MODEL" ] && mt+=(--model "$QP_MODEL")
	segment -- "$@" |
		tag-speaker --roster "$QP_ROSTER" |
		anonymize "${anon[@]}" |
		match-theme "${mt[@]}" "$QP_CODEBOOK" |
		tee "$coded" |
		drop_role "$QP_EXCLUDE"
}

# Run "name:pid" jobs to their end; say which failed.
wait_all() {
	local failed= j
	for j in "$@"; do
		wait "${j##*:}" || failed="$failed, ${j%:*}"
	done
	[ -z "$failed" ] || die "failed: ${failed#, }"
}

# A shard: `thematic-analysis.sh --shard DIR LIST` (LIST: the shard's file
# names, NUL-separated) writes DIR/coded.gz (records; the header only in
# shard 1), DIR/map.tsv, and the partial counts and quote pools that the
# merges need.
if [ "${1:-}" = --shard ]; then
	d=$2
	mapfile -d '' shard_files <"$3"
	mkdir -p "$d"
	mkfifo "$d/coded" "$d/a" "$d/b" "$d/c"
	# gzip's fastest level: at its default it would take as long as
	# the whole coding chain.
	if [ "$(basename "$d")" = 1 ]; then
		gzip -1 -c <"$d/coded" >"$d/coded.gz" &
	else
		tail -n +2 <"$d/coded" | gzip -1 -c >"$d/coded.gz" &
	fi
	pz=$!
	by=(--by "$QP_BY")
	tally "${by[@]}" --partial <"$d/a" >"$d/tally.part" & p1=$!
	tally "${by[@]}" --cooccur --partial <"$d/b" >"$d/cooccur.part" & p2=$!
	tally --partial <"$d/c" >"$d/saturation.part" & p3=$!
	QP_MAP=$d/map.tsv code_stream "$d/coded" "${shard_files[@]}" |
		tee "$d/a" "$d/b" "$d/c" |
		pick-quotes -n "$QP_NQ" --min-words "$QP_MINW" "${by[@]}" --partial >"$d/quotes.part"
	wait_all "gzip:$pz" "tally:$p1" "tally --cooccur:$p2" "tally (saturation):$p3"
	rm -f "$d/coded" "$d/a" "$d/b" "$d/c"
	exit 0
fi

roster= codebook= out= key= terms= by=role nq=3 exclude=moderator jobs=1 logins= quiet=0 satopts= minw=15 force=0
model= hand=
while getopts 'r:c:o:k:t:b:n:w:x:j:S:s:m:H:Fqh' opt; do
	case $opt in
	r) roster=$OPTARG ;;
	c) codebook=$OPTARG ;;
	o) out=$OPTARG ;;
	k) key=$OPTARG ;;
	t) terms=$OPTARG ;;
	b) by=$OPTARG ;;
	n) nq=$OPTARG ;;
	w) minw=$OPTARG ;;
	x) exclude=$OPTARG ;;
	j) jobs=$OPTARG ;;
	S) logins=$OPTARG ;;
	s) satopts=$OPTARG ;;
	m) model=$OPTARG ;;
	H) hand=$OPTARG ;;
	F) force=1 ;;
	q) quiet=1 ;;
	h) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ -n "$roster" ] && [ -n "$codebook" ] && [ -n "$out" ] && [ $# -gt 0 ] || usage
[ -r "$roster" ] || die "$roster: cannot read the roster"
[ -r "$codebook" ] || die "$codebook: cannot read the codebook"
[ -z "$terms" ] || [ -r "$terms" ] || die "$terms: cannot read the terms"
[ -z "$model" ] || [ -r "$model" ] || die "$model: cannot read the model"
[ -z "$hand" ] || [ -r "$hand" ] || die "$hand: cannot read the hand-coded sample"
case $jobs in ''|*[!0-9]*|0) die "-j wants a number of jobs, not '$jobs'" ;; esac
case $nq in ''|*[!0-9]*) die "-n wants a number, not '$nq'" ;; esac
case $minw in ''|*[!0-9]*) die "-w wants a number, not '$minw'" ;; esac
for p in segment tag-speaker anonymize match-theme tally pick-quotes to-qdpx ${hand:+agree}; do
	command -v "$p" >/dev/null || die "$p not found (build with make, or set QP_BIN)"
done
command -v report >/dev/null || die "report not found (build with make, or set QP_BIN)"
if [ "$jobs" -gt 1 ] || [ -n "$logins" ]; then
	command -v parallel >/dev/null || die "GNU parallel is needed for -j and -S"
	# Numbered pseudonyms depend on what a stream met first, so shards
	# would number differently; keyed ones do not.
	[ -n "$key" ] || die "-j and -S need -k KEYFILE: numbered pseudonyms differ between shards"
fi

files=()
for a in "$@"; do
	if [ -d "$a" ]; then
		while IFS= read -r -d '' f; do files+=("$f"); done < <(
			find "$a" -type f \( -name '*.vtt' -o -name '*.srt' -o -name '*.txt' \
			  -o -name '*.vtt.gz' -o -name '*.srt.gz' -o -name '*.txt.gz' \) -print0 |
			LC_ALL=C sort -z)
	elif [ -f "$a" ]; then
		files+=("$a")
	else
		die "$a: no such file or folder"
	fi
done
[ ${#files[@]} -gt 0 ] || die "no transcripts found in: $*"

# Hosts of -S run the shards in their own working folder: every path they
# are handed is absolute.
if [ -n "$logins" ]; then
	abs() { case $1 in /*|'') printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
	roster=$(abs "$roster") codebook=$(abs "$codebook") key=$(abs "$key") terms=$(abs "$terms")
	model=$(abs "$model")
	for i in "${!files[@]}"; do files[i]=$(abs "${files[i]}"); done
fi
# The filters' own progress displays stay off: the run shows its own.
export QP_QUIET=1
export QP_ROSTER=$roster QP_CODEBOOK=$codebook QP_KEY=$key QP_TERMS=$terms \
	QP_MODEL=$model QP_BY=$by QP_NQ=$nq QP_EXCLUDE=$exclude QP_MINW=$minw
keyfile=$out/key/reidentification.tsv
if [ "$force" = 0 ] && { [ -e "$keyfile" ] || [ -L "$keyfile" ]; }; then
	die "$keyfile: a re-identification key is there already; it is never replaced: move it away, choose another -o, or give -F to replace it (the old key is then lost)"
fi
mkdir -p "$out/key"
chmod 700 "$out/key"
export QP_MAP=$out/key/reidentification.tsv
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qp-analysis.XXXXXX")
tmp=$(cd "$tmp" && pwd)
mon=
temps=() finals=()
trap 'rm -rf "$tmp"; rm -f -- "${temps[@]}"; [ -n "$mon" ] && kill "$mon" 2>/dev/null; true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Progress, only when standard error is a terminal: bytes the whole
# process tree has read, from /proc, so the pipeline pays nothing for it.
progress() {
	local total t0 now done pgid
	total=$(wc -c -- "${files[@]}" | tail -n 1 | awk '{print $1}')
	# Only this run's segment processes: they share its process group.
	pgid=$(ps -o pgid= -p $$ | tr -d ' ')
	t0=$(date +%s.%N)
	while :; do
		done=$(awk '/^rchar/ {s += $2} END {print s + 0}' \
			$(pgrep -g "$pgid" -f -d ' ' '^segment( |$)' | sed 's|[0-9]*|/proc/&/io|g') 2>/dev/null) || done=0
		now=$(date +%s.%N)
		awk -v d="$done" -v t="$total" -v t0="$t0" -v t1="$now" -v n=${#files[@]} -v p="$prog" \
		  'BEGIN { s = t1 - t0; if (s <= 0) s = 1; f = (t > 0 ? d / t : 1); if (f > 1) f = 1;
		    printf "\r%s: ~%d/%d files, %.1f of %.1f MB, %.1f MB/s ", p,
		    f * n, n, d / 1048576, t / 1048576, d / 1048576 / s > "/dev/stderr" }'
		sleep 1
	done
}
if [ "$quiet" = 0 ] && [ -t 2 ]; then
	progress & mon=$!
fi

# Shards of whole files, contiguous in input order and balanced by bytes.
# One process is one shard; more run under GNU parallel, whose -k hands
# the merges their outputs in input order.  Either way each shard writes
# partial counts and quote pools, and the merges below write the results:
# tally's and pick-quotes' own tests hold the merge to the one-pass bytes,
# and one pass of each over the stream serves every report.
n=$jobs
[ "$n" -gt ${#files[@]} ] && n=${#files[@]}
wc -c -- "${files[@]}" | { [ ${#files[@]} -gt 1 ] && sed '$d' || cat; } | awk -v n="$n" -v dir="$tmp" '
	{ size[NR] = $1; total += $1 }
	END {
		s = 1; acc = 0
		for (i = 1; i <= NR; i++) {
			print i, s > (dir "/assign")
			acc += size[i]
			if (s < n && acc >= total * s / n) s++
		}
	}'
while read -r idx shard; do
	printf '%s\0' "${files[idx - 1]}" >>"$tmp/list.$shard"
done <"$tmp/assign"
shards=$(ls "$tmp" | sed -n 's/^list\.//p' | sort -n)
if [ "$n" = 1 ] && [ -z "$logins" ]; then
	"$here/thematic-analysis.sh" --shard "$tmp/s/1" "$tmp/list.1" || die "the analysis failed"
else
	popts=(-k --halt now,fail=1)
	if [ -n "$logins" ]; then
		popts+=(--sshloginfile "$logins" --env PATH --env QP_BIN --env QP_ROSTER --env QP_CODEBOOK \
			--env QP_KEY --env QP_TERMS --env QP_MODEL --env QP_BY --env QP_NQ --env QP_EXCLUDE --env QP_MINW)
	else
		popts+=(-j "$n")
	fi
	printf '%s\n' $shards | parallel "${popts[@]}" \
		"$here/thematic-analysis.sh" --shard "$tmp/s/{}" "$tmp/list.{}" ||
		die "a shard failed"
fi
parts() { for s in $shards; do printf '%s\n' "$tmp/s/$s/$1"; done; }
mapfile -t tp < <(parts tally.part)
mapfile -t cp < <(parts cooccur.part)
mapfile -t sp < <(parts saturation.part)
mapfile -t qp < <(parts quotes.part)
mapfile -t cz < <(parts coded.gz)
mapfile -t mp < <(parts map.tsv)
# stage NAME CMD...: CMD's output to a temporary file beside OUTDIR/NAME,
# which commit renames into place.
mode=$(printf '%o' $((0666 & ~0$(umask))))
stage() {
	local name=$1 t
	shift
	t=$(mktemp "$(dirname "$out/$name")/.$(basename "$name").XXXXXX")
	temps+=("$t") finals+=("$out/$name")
	"$@" >"$t"
	[ "$name" = key/reidentification.tsv ] || chmod "$mode" "$t"
}
# commit: all staged files on disk, then renamed into place, the key first;
# a key that appeared during the run is not replaced, nor anything else.
commit() {
	local i
	sync -- "${temps[@]}"
	for i in "${!temps[@]}"; do
		[ "${finals[i]}" = "$keyfile" ] || continue
		if [ "$force" = 1 ]; then
			mv -f -- "${temps[i]}" "$keyfile"
		else
			# a hard link never replaces a file; where the file
			# system has none, a rename after a last look
			if ! ln -- "${temps[i]}" "$keyfile" 2>/dev/null; then
				[ ! -e "$keyfile" ] && [ ! -L "$keyfile" ] ||
					die "$keyfile: a key appeared there during the run; nothing replaced"
				mv -f -- "${temps[i]}" "$keyfile"
			fi
			rm -f -- "${temps[i]}"
		fi
	done
	for i in "${!temps[@]}"; do
		[ "${finals[i]}" = "$keyfile" ] || mv -f -- "${temps[i]}" "${finals[i]}"
	done
	temps=() finals=()
}
# The shards' keys: an entity has one keyed tag in every shard, so the
# merged key adds up the counts, sorted as anonymize sorts its own.
merged_key() {
	head -n 1 "${mp[0]}"
	for m in "${mp[@]}"; do tail -n +2 "$m"; done |
	LC_ALL=C awk -F '\t' -v OFS='\t' '
		{ k = $1 FS $2 FS $3; if (!(k in n)) order[++m] = k; n[k] += $4 }
		END { for (i = 1; i <= m; i++) print order[i], n[order[i]] }' |
	LC_ALL=C sort -t "$(printf '\t')" -k3,3 -k2,2 -k1,1
}
stage coded.tsv.gz cat "${cz[@]}"
stage tally.tsv tally --merge --by "$by" "${tp[@]}"
stage matrix.tsv tally --merge --by "$by" --format matrix "${tp[@]}"
stage matrix-share.tsv tally --merge --by "$by" --format matrix --measure share "${tp[@]}"
stage matrix.md tally --merge --by "$by" --format md "${tp[@]}"
stage matrix-share.md tally --merge --by "$by" --format md --measure share "${tp[@]}"
stage matrix-speakers.md tally --merge --by "$by" --format md --measure speakers "${tp[@]}"
stage cooccur.tsv tally --merge --by "$by" --cooccur "${cp[@]}"
# shellcheck disable=SC2086
stage saturation.tsv tally --merge --saturation $satopts "${sp[@]}"
stage quotes.tsv pick-quotes --merge -n "$nq" --min-words "$minw" --by "$by" "${qp[@]}"
stage quotes.md pick-quotes --merge -n "$nq" --min-words "$minw" --by "$by" --format md "${qp[@]}"
# The sample's segments from the coded stream, in the stream's order, for
# agree --with: a sample unit that is not a segment of the run is agree's
# error, not a silent drop.
sample_coded() {
	gzip -dc -- "${cz[@]}" | LC_ALL=C awk -F '\t' '
		FNR == 1 && NR == FNR { for (i = 1; i <= NF; i++) h[$i] = i
			if (!h["doc"] || !h["seg"]) { print "-H: no doc and seg columns" > "/dev/stderr"; exit 2 }
			next }
		NR == FNR { want[$h["doc"] FS $h["seg"]] = 1; next }
		FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next }
		($c["doc"] FS $c["seg"]) in want' "$hand" -
}
if [ -n "$hand" ]; then
	sample_coded >"$tmp/sample-coded.tsv"
	stage agreement.tsv agree -c human,codes --with "$tmp/sample-coded.tsv" "$hand"
	stage agreement.md agree -c human,codes --with "$tmp/sample-coded.tsv" --format md "$hand"
fi
# The coded study for a QDA program, from the de-identified records.
qdpx_export() {
	gzip -dc -- "${cz[@]}" | to-qdpx -o - --name study --codebook "$QP_CODEBOOK"
}
stage study.qdpx qdpx_export
# The study as one HTML page (report(1)), made of the results staged
# above, under their own names in a folder of links; dated by the newest
# transcript unless SOURCE_DATE_EPOCH says otherwise, so a rerun gives
# the same bytes.
mkdir "$tmp/report"
for i in "${!finals[@]}"; do ln -s "$(realpath -- "${temps[i]}")" "$tmp/report/$(basename "${finals[i]}")"; done
ropts=(--codebook "$codebook" --step "segment | tag-speaker --roster $(basename "$roster") | anonymize${terms:+ --terms $(basename "$terms")}"
	--step "match-theme${model:+ --model $(basename "$model")} $(basename "$codebook")"
	--step "counts and quotes without the turns of role '$exclude'" --step "tally --by $by"
	--step "tally --by $by --cooccur" --step "tally --saturation${satopts:+ $satopts}"
	--step "pick-quotes -n $nq --min-words $minw --by $by")
[ -n "$hand" ] && ropts+=(--step "agree -c human,codes (the sample: $(basename "$hand"))")
[ -n "${SOURCE_DATE_EPOCH:-}" ] ||
	ropts+=(--date "$(date -u -d "@$(stat -c %Y -- "${files[@]}" | sort -n | tail -n 1)" +%F)")
stage report.html report "${ropts[@]}" "$tmp/report"
stage key/reidentification.tsv merged_key
commit
if [ -n "$mon" ]; then
	kill "$mon" 2>/dev/null || true
	wait "$mon" 2>/dev/null || true
	mon=
	printf '\r\033[K' >&2
fi

[ "$quiet" = 1 ] && exit 0
gzip -dc "$out/coded.tsv.gz" | LC_ALL=C awk -F '\t' -v n=${#files[@]} -v out="$out" -v by="$by" -v p="$prog" -v hand="$hand" '
	NR == 1 { for (i = 1; i <= NF; i++) if ($i == "codes") c = i; next }
	{ r++ } c && $c != "" { k++ }
	END {
		printf "%s: %d transcripts, %d segments, %d coded\n", p, n, r, k
		printf "  de-identified coded records  %s/coded.tsv.gz\n", out
		printf "  theme x %s matrix%*s%s/matrix.tsv, matrix.md (shares: matrix-share.*)\n", by, 12 - length(by), "", out
		printf "  counts, co-occurrence        %s/tally.tsv, cooccur.tsv\n", out
		printf "  saturation                   %s/saturation.tsv\n", out
		printf "  quote tables                 %s/quotes.md, quotes.tsv\n", out
		if (hand) printf "  agreement with the sample    %s/agreement.tsv, agreement.md\n", out
		printf "  REFI-QDA project (MAXQDA..)  %s/study.qdpx\n", out
		printf "  the study as one page        %s/report.html\n", out
		printf "  re-identification key        %s/key/reidentification.tsv (keep it apart)\n", out
	}' >&2
