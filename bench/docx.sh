#!/usr/bin/env bash
# bench/docx.sh [TURNS]: segment on a large Teams .docx (TURNS turns,
# default 200000, about 60 MB of word/document.xml) beside the obvious
# peer, Python's zipfile and ElementTree.iterparse pulling out the same
# paragraphs' text (no turns made: a lower bound for any Python reader).
# Not part of bench/run; prints one line a command (GNU time: wall s,
# user+sys s, max RSS KiB).  Needs the plain build (bin/, build/rel).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200000}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
python3 - "$n" >"$w/document.xml" <<'PY'
import sys
n = int(sys.argv[1])
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
out = sys.stdout
out.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>' % W)
out.write('<w:p><w:r><w:t>Bench-Meeting Transcript</w:t></w:r></w:p><w:p><w:r><w:t>3 November 2026, 10:15am</w:t></w:r></w:p>')
out.write('<w:p><w:r><w:t>99h 1m 2s</w:t></w:r></w:p><w:p><w:r><w:t>Ana Lima started transcription</w:t></w:r></w:p>')
names = ['Ana Lima', 'Okafor, Daniel', 'Priya Raman']
for i in range(n):
    t = i * 7
    clock = '%d:%02d:%02d' % (t // 3600, t // 60 % 60, t % 60)
    out.write('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s   </w:t></w:r><w:r><w:t>%s</w:t></w:r>'
              '<w:r><w:br/><w:t xml:space="preserve">So what I mean is that the reading room </w:t></w:r>'
              '<w:r><w:t>closes too early on Fridays, turn %d.</w:t></w:r></w:p>' % (names[i % 3], clock, i))
out.write('<w:p><w:r><w:t>Ana Lima stopped transcription</w:t></w:r></w:p></w:body></w:document>\n')
PY
build/rel/tests/tools/mkarchive zip "$w/big.docx" "word/document.xml=@$w/document.xml"
printf 'document.xml %s bytes, .docx %s bytes, %s turns\n' \
	"$(stat -c %s "$w/document.xml")" "$(stat -c %s "$w/big.docx")" "$n"
cat >"$w/peer.py" <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
out = sys.stdout
with zipfile.ZipFile(sys.argv[1]) as z, z.open('word/document.xml') as f:
    for ev, e in ET.iterparse(f):
        if e.tag == W + 'p':
            out.write(''.join(t.text or '' for t in e.iter(W + 't')) + '\n\n')
            e.clear()
PY
t() { /usr/bin/time -f "$1: %e s wall, %U+%S s cpu, %M KiB" "${@:2}" >/dev/null; }
t segment bin/segment "$w/big.docx"
t python-iterparse python3 "$w/peer.py" "$w/big.docx"
