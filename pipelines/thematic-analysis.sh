#!/usr/bin/env bash
# thematic-analysis.sh: transcripts to a thematic analysis in one command.
#
# usage: thematic-analysis.sh -r ROSTER -c CODEBOOK -o OUTDIR
#            [-k KEYFILE] [-b BYCOL] [-n QUOTES] [-x ROLE] [-q] INPUT...
#
# INPUT is transcript files or folders (searched for .vtt .srt .txt, each
# optionally .gz).  The transcripts are read once, as one stream:
#
#   segment | tag-speaker | anonymize | match-theme
#       -> coded.tsv.gz                 de-identified coded records (all turns)
#       -> (moderator turns dropped)    tally.tsv, matrix*.tsv/md, cooccur.tsv,
#                                       saturation.tsv, quotes.tsv, quotes.md
#   key/reidentification.tsv            the re-identification key (0600, in a 0700 folder)
#
# Options:
#   -r ROSTER    roster record stream (name aliases role participant ...)
#   -c CODEBOOK  codebook (codebook(5)) or LIWC .dic
#   -o OUTDIR    output folder (created; existing result files are replaced)
#   -k KEYFILE   key for keyed pseudonyms (anonymize --key-file); default numbered
#   -b BYCOL     grouping column for counts and quotes (default: role)
#   -n QUOTES    quotes per theme and group (default: 3)
#   -x ROLE      role left out of counts and quotes (default: moderator; -x '' keeps all)
#   -q           no progress display and no summary
# The programs are taken from QP_BIN, else from the bin/ beside this script,
# else from PATH.
set -euo pipefail

prog=thematic-analysis
usage() {
	sed -n '4,6p' "$0" | sed 's/^# //' >&2
	exit 2
}
die() { echo "$prog: $*" >&2; exit 2; }

roster= codebook= out= key= by=role nq=3 exclude=moderator quiet=0
while getopts 'r:c:o:k:b:n:x:qh' opt; do
	case $opt in
	r) roster=$OPTARG ;;
	c) codebook=$OPTARG ;;
	o) out=$OPTARG ;;
	k) key=$OPTARG ;;
	b) by=$OPTARG ;;
	n) nq=$OPTARG ;;
	x) exclude=$OPTARG ;;
	q) quiet=1 ;;
	h) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ -n "$roster" ] && [ -n "$codebook" ] && [ -n "$out" ] && [ $# -gt 0 ] || usage
[ -r "$roster" ] || die "$roster: cannot read roster"
[ -r "$codebook" ] || die "$codebook: cannot read codebook"

here=$(cd "$(dirname "$0")" && pwd)
bin=${QP_BIN:-}
if [ -z "$bin" ] && [ -x "$here/../bin/segment" ]; then bin=$here/../bin; fi
if [ -n "$bin" ]; then PATH=$bin:$PATH; fi
for p in segment tag-speaker anonymize match-theme tally pick-quotes; do
	command -v "$p" >/dev/null || die "$p not found (build with make, or set QP_BIN)"
done

# The inputs, in a stable order (sorted bytewise, whatever the locale).
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

mkdir -p "$out" "$out/key"
chmod 700 "$out/key"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qp-analysis.XXXXXX")
trap 'rm -rf "$tmp"; [ -n "${mon:-}" ] && kill "$mon" 2>/dev/null; true' EXIT

anon_opts=(--roster "$roster" --map "$out/key/reidentification.tsv")
[ -n "$key" ] && anon_opts+=(--key-file "$key")

# Progress: only when standard error is a terminal.  It watches how far
# segment has read (Linux /proc), so it costs the pipeline nothing.
progress() {
	local pid=$1 total t0 now done
	total=$(wc -c -- "${files[@]}" | tail -n 1 | awk '{print $1}')
	t0=$(date +%s.%N)
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		done=$(awk '/^rchar/ {print $2}' "/proc/$pid/io" 2>/dev/null) || break
		now=$(date +%s.%N)
		awk -v d="$done" -v t="$total" -v t0="$t0" -v t1="$now" -v n=${#files[@]} -v p="$prog" \
		  'BEGIN { s = t1 - t0; if (s <= 0) s = 1; f = (t > 0 ? d / t : 1); if (f > 1) f = 1;
		    printf "\r%s: ~%d/%d files, %.1f of %.1f MB, %.1f MB/s ", p,
		    f * n, n, d / 1048576, t / 1048576, d / 1048576 / s > "/dev/stderr" }'
	done
	printf '\r\033[K' >&2
}

# The coded stream is written once, then fanned out through FIFOs to the
# aggregates, so the transcripts are read exactly once.
drop_role() {
	# Drops records whose role equals $1 (no-op when $1 is empty).
	LC_ALL=C awk -F '\t' -v OFS='\t' -v drop="$1" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == "role") rc = i; print; next }
		drop == "" || rc == 0 || $rc != drop'
}

for f in tally matrix matrix_share matrix_md matrix_share_md cooccur saturation quotes quotes_md; do
	mkfifo "$tmp/$f"
done
tally --by "$by" <"$tmp/tally" >"$out/tally.tsv" & p1=$!
tally --by "$by" --format matrix <"$tmp/matrix" >"$out/matrix.tsv" & p2=$!
tally --by "$by" --format matrix --measure share <"$tmp/matrix_share" >"$out/matrix-share.tsv" & p3=$!
tally --by "$by" --format md <"$tmp/matrix_md" >"$out/matrix.md" & p4=$!
tally --by "$by" --format md --measure share <"$tmp/matrix_share_md" >"$out/matrix-share.md" & p5=$!
tally --by "$by" --cooccur <"$tmp/cooccur" >"$out/cooccur.tsv" & p6=$!
tally --saturation <"$tmp/saturation" >"$out/saturation.tsv" & p7=$!
pick-quotes -n "$nq" --by "$by" <"$tmp/quotes" >"$out/quotes.tsv" & p8=$!
pick-quotes -n "$nq" --by "$by" --format md <"$tmp/quotes_md" >"$out/quotes.md" & p9=$!

mkfifo "$tmp/segments" "$tmp/coded"
gzip -c <"$tmp/coded" >"$out/coded.tsv.gz" & pz=$!
segment -- "${files[@]}" >"$tmp/segments" & ps=$!
if [ "$quiet" = 0 ] && [ -t 2 ]; then
	progress "$ps" & mon=$!
fi

status=0
tag-speaker --roster "$roster" <"$tmp/segments" |
	anonymize "${anon_opts[@]}" |
	match-theme "$codebook" |
	tee "$tmp/coded" |
	drop_role "$exclude" |
	tee "$tmp/tally" "$tmp/matrix" "$tmp/matrix_share" "$tmp/matrix_md" \
	    "$tmp/matrix_share_md" "$tmp/cooccur" "$tmp/saturation" "$tmp/quotes" \
	    >"$tmp/quotes_md" || status=$?

failed=
for j in "segment:$ps" "gzip:$pz" "tally:$p1" "tally --format matrix:$p2" \
         "tally --measure share:$p3" "tally --format md:$p4" "tally --format md --measure share:$p5" \
         "tally --cooccur:$p6" "tally --saturation:$p7" "pick-quotes:$p8" "pick-quotes --format md:$p9"; do
	wait "${j##*:}" || failed="$failed, ${j%:*}"
done
if [ -n "${mon:-}" ]; then
	wait "$mon" 2>/dev/null || true
	mon=
fi
[ "$status" = 0 ] || failed="$failed, the main chain (tag-speaker | anonymize | match-theme)"
[ -z "$failed" ] || die "failed: ${failed#, }; results in $out are incomplete"
chmod 600 "$out/key/reidentification.tsv"

[ "$quiet" = 1 ] && exit 0
records=$(gzip -dc "$out/coded.tsv.gz" | tail -n +2 | wc -l)
coded=$(gzip -dc "$out/coded.tsv.gz" | LC_ALL=C awk -F '\t' '
	NR == 1 { for (i = 1; i <= NF; i++) if ($i == "codes") c = i; next }
	c && $c != "" { n++ } END { print n + 0 }')
cat >&2 <<SUMMARY
$prog: ${#files[@]} transcripts, $records segments, $coded coded
  de-identified coded records   $out/coded.tsv.gz
  theme x $by matrix            $out/matrix.tsv, $out/matrix.md (shares: matrix-share.*)
  counts, co-occurrence         $out/tally.tsv, $out/cooccur.tsv
  saturation                    $out/saturation.tsv
  quote tables                  $out/quotes.md, $out/quotes.tsv
  re-identification key         $out/key/reidentification.tsv (keep it apart from the data)
SUMMARY
