#!/usr/bin/env bats
# make install: programs, manual pages and the name lists anonymize needs,
# under PREFIX and DESTDIR; the installed programs run from there.
load helper

@test "install: programs, manual pages and name lists land under DESTDIR/PREFIX" {
	top=$BATS_TEST_DIRNAME/..
	d=$BATS_TEST_TMPDIR/stage
	run make -s -C "$top" install DESTDIR="$d" PREFIX=/opt/qp
	[ "$status" -eq 0 ]
	for p in segment tag-speaker anonymize match-theme tally pick-quotes agree learn; do
		[ -x "$d/opt/qp/bin/$p" ] || { echo "no $p"; return 1; }
		[ -f "$d/opt/qp/share/man/man1/$p.1" ] || { echo "no $p.1"; return 1; }
	done
	[ -f "$d/opt/qp/share/man/man5/qualpipe-records.5" ]
	[ -f "$d/opt/qp/share/man/man5/codebook.5" ]
	[ -f "$d/opt/qp/share/man/man7/qualpipe.7" ]
	[ -f "$d/opt/qp/share/qualpipe/names/first.txt" ]
	[ -f "$d/opt/qp/share/qualpipe/names/LICENSE" ]
	for f in places.txt placewords.txt regions.txt LICENSE SOURCE CC-BY-4.0; do
		[ -f "$d/opt/qp/share/qualpipe/places/$f" ] || { echo "no places/$f"; return 1; }
	done
	# The staged anonymize finds its name lists beside its bin/.
	run bash -c "printf 'doc\ttext\nd\tmy friend Maria said so\n' | '$d/opt/qp/bin/anonymize'"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf 'd\tmy friend [PERSON_1] said so')" ]
	# ... and its gazetteer
	run bash -c "printf 'doc\ttext\nd\tI grew up in Boise\n' | '$d/opt/qp/bin/anonymize'"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf 'd\tI grew up in [PLACE_1]')" ]
}
