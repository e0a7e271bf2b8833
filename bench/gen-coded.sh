#!/bin/sh
# gen-coded.sh: write a synthetic coded record stream, as match-theme
# writes it, for benchmarks of tally (and anything else downstream of
# match-theme).
#
#   bench/gen-coded.sh [-s SEED] [-m MEGABYTES] [-k PERCENT]
#
# Writes to standard output a record stream with the columns
#   doc seg start end speaker role participant text codes hits
# of focus-group docs (fg00001, fg00002, ...) of 150 to 400 segments each,
# until at least MEGABYTES (default 100; a fraction such as 0.5 is fine)
# have been written; the last doc may end early.  Each doc has a moderator
# and 4 to 10 speakers of one role (MS, SGA or MCL), labelled "Speaker N"
# as transcripts label them; PERCENT of them (default 20) have no
# participant id, so tally falls back to (doc, speaker) for them.  About a
# third of the segments carry no code; the others carry 1 to 3 of 40 code
# paths two and three levels deep (skewed, as real codings are), with
# their hits.
#
# The same SEED (default 1) and MEGABYTES give the same bytes on every
# machine: the random numbers come from a Park-Miller generator written
# out in awk (exact in double precision), not from awk's rand().
set -eu

seed=1 mb=100 anon=20
while getopts s:m:k: opt; do
	case $opt in
	s) seed=$OPTARG ;;
	m) mb=$OPTARG ;;
	k) anon=$OPTARG ;;
	*) echo "usage: gen-coded.sh [-s SEED] [-m MEGABYTES] [-k PERCENT]" >&2; exit 2 ;;
	esac
done

exec awk -v seed="$seed" -v mb="$mb" -v anon="$anon" '
function rnd() { x = (x * 16807) % 2147483647; return x }
function pick(n) { return rnd() % n }
function ts(ms,   h, m, s) {
	h = int(ms / 3600000); ms -= h * 3600000
	m = int(ms / 60000); ms -= m * 60000
	s = int(ms / 1000); ms -= s * 1000
	return sprintf("%02d:%02d:%02d.%03d", h, m, s, ms)
}
BEGIN {
	x = (seed % 2147483646) + 1
	for (i = 0; i < 20; i++) rnd()
	limit = mb * 1048576

	ncode = split("definition/more-than-empathy definition/ineffable " \
	    "definition/cultivated definition/action/alleviate definition/action/motivated " \
	    "facilitators/self-care/sleep facilitators/self-care/therapy " \
	    "facilitators/self-care/community facilitators/life-experience " \
	    "facilitators/role-models facilitators/experiential-learning " \
	    "barriers/time-constraints barriers/culture/wards barriers/culture/exams " \
	    "barriers/culture/hierarchy barriers/burnout/futility barriers/burnout/exhaustion " \
	    "barriers/disrespect/patients barriers/disrespect/colleagues " \
	    "barriers/system/documentation barriers/system/volume " \
	    "outcomes/patients/satisfaction outcomes/patients/adherence " \
	    "outcomes/providers/resilience outcomes/providers/wellbeing " \
	    "curriculum/content curriculum/pedagogy/simulation curriculum/pedagogy/lecture " \
	    "curriculum/assessment emotion/suffering emotion/hope emotion/frustration " \
	    "identity/professional identity/personal sustaining draining " \
	    "training/longitudinal training/elective empathy/cognitive empathy/affective", code, " ")

	nword = split("compassion patient time really think like know feel people " \
	    "students medicine care culture wards exams just something always never " \
	    "because when would could should family suffering doctor nurse team help " \
	    "sleep therapy mentor burnout tired system notes clinic rounds teaching " \
	    "learning someone little actually honestly kind sort mean going want need " \
	    "work day night week year hour minutes hard easy better worse good bad " \
	    "listen talk sit stay leave hold hand room bed chart computer screen " \
	    "the a and of to in that it is was for on with as at but so we they you", word, " ")
	# Phrases built once, so that a segment costs a few random numbers.
	for (i = 0; i < 512; i++) {
		n = 4 + pick(9); p = word[1 + pick(nword)]
		for (j = 1; j < n; j++) p = p " " word[1 + pick(nword)]
		phrase[i] = p
	}
	split("MS SGA MCL", roles, " ")

	print "doc\tseg\tstart\tend\tspeaker\trole\tparticipant\ttext\tcodes\thits"
	bytes = 0
	for (d = 1; bytes < limit; d++) {
		doc = sprintf("fg%05d", d)
		role = roles[1 + pick(3)]
		nsp = 4 + pick(7)
		for (k = 1; k <= nsp; k++)
			part[k] = pick(100) < anon ? "" : sprintf("P%s%04d", role, 1 + pick(400))
		nseg = 150 + pick(251)
		ms = 1000 + pick(4000)
		for (s = 1; s <= nseg && bytes < limit; s++) {
			k = pick(nsp + 2)          # the moderator speaks a little more
			if (k >= nsp) { spk = "Moderator"; r = "moderator"; pid = "" }
			else { spk = "Speaker " (k + 1); r = role; pid = part[k + 1] }
			text = phrase[pick(512)]
			for (j = pick(3); j > 0; j--) text = text ", " phrase[pick(512)]
			text = toupper(substr(text, 1, 1)) substr(text, 2) "."
			dur = 2000 + pick(25000)
			codes = ""; hits = ""
			m = pick(100)
			nc = m < 35 ? 0 : m < 75 ? 1 : m < 93 ? 2 : 3
			if (r == "moderator") nc = 0
			for (j = 0; j < nc; j++) {
				# Skewed: low code numbers are much more common.
				c = code[1 + int((pick(1000) / 1000) ^ 2 * ncode)]
				if (index(";" codes ";", ";" c ";")) continue   # match-theme lists a code once
				codes = codes (codes == "" ? "" : ";") c
				hits = hits (hits == "" ? "" : ";") (1 + pick(4))
			}
			line = doc "\t" s "\t" ts(ms) "\t" ts(ms + dur) "\t" spk "\t" r "\t" \
			    pid "\t" text "\t" codes "\t" hits
			print line
			bytes += length(line) + 1
			ms += dur + pick(1500)
		}
	}
}'
