#!/usr/bin/env bash
# parallel-analysis.sh: thematic-analysis.sh sharded with GNU parallel.
#
# usage: parallel-analysis.sh [-j JOBS] [-S SSHLOGINFILE] -k KEYFILE
#            -r ROSTER -c CODEBOOK -o OUTDIR [OPTIONS] INPUT...
#
# The same analysis, the same options and byte for byte the same results as
# thematic-analysis.sh: the transcripts are cut into JOBS shards of whole
# files (default: the number of cores), each shard runs the whole chain and
# writes partial counts and quote pools, and tally --merge and
# pick-quotes --merge put them together.  With -S the shards run on the
# hosts of a GNU parallel sshloginfile.  A key (-k) is required: keyed
# pseudonyms are the same in every shard, numbered ones are not.  As
# there, a key already in OUTDIR/key is replaced only with -F.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
for a in "$@"; do
	case $a in -h) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
done
# -j given later on the line wins over this default.
exec "$here/thematic-analysis.sh" -j "$jobs" "$@"
