#!/usr/bin/env bats
# anonymize: people in lower-case (ASR) text, roster names that are
# ordinary words, a name's parts within a document, and --audit.
load helper

P=$BATS_TEST_DIRNAME/fixtures/anonymize-people

setup() {
	T=$(mktemp -d)
}

teardown() {
	rm -rf "$T"
}

@test "anonymize: lower case, people after titles written as words" {
	anon_table <<'EOF'
doctor okoro told me|doctor [PERSON_1] told me
dr okoro said no|dr [PERSON_1] said no
i saw dr. okoro today|i saw dr. [PERSON_1] today
professor amadi teaches ethics|professor [PERSON_1] teaches ethics
nurse ines helped us|nurse [PERSON_1] helped us
coach rivera yelled|coach [PERSON_1] yelled
pastor adeyemi prayed with us|pastor [PERSON_1] prayed with us
doctor amara okoro came|doctor [PERSON_1] came
i wanted to be a doctor because it pays|i wanted to be a doctor because it pays
the doctor was kind and the nurse practitioner too|the doctor was kind and the nurse practitioner too
my doctor appointment was moved|my doctor appointment was moved
coach class is cramped|coach class is cramped
i talked to principal okafor about it|i talked to principal [PERSON_1] about it
officer reyes came by twice|officer [PERSON_1] came by twice
the principal reason was money|the principal reason was money
the principal said no and the officer came by|the principal said no and the officer came by
a principal investigator and a detective story|a principal investigator and a detective story
EOF
}

@test "anonymize: lower case, people after kinship and role cues" {
	anon_table <<'EOF'
my son mateo is five|my son [PERSON_1] is five
my flatmate ines cooks|my flatmate [PERSON_1] cooks
my wife noor works nights|my wife [PERSON_1] works nights
my roommate dustin left|my roommate [PERSON_1] left
a man named okoro called|a man named [PERSON_1] called
my daughter is five|my daughter is five
her brother came over|her brother came over
my boss said so|my boss said so
my supervisor was new|my supervisor was new
my son will be fine|my son will be fine
my friend really helped|my friend really helped
our trainer gabe gabe lindholm is great|our trainer [PERSON_1] is great
my tutor ines helped|my tutor [PERSON_1] helped
our trainer is great|our trainer is great
my therapist said so|my therapist said so
EOF
}

@test "anonymize: a word no list knows, after an introduction or a verb of speaking to, or before a kinship word with its 's" {
	anon_table <<'EOF'
my name is tasha and i teach|my name is [PERSON_1] and i teach
My name is Oluwaseun.|My name is [PERSON_1].
I'm Thandiwe, a parent.|I'm [PERSON_1], a parent.
i told kenji that|i told [PERSON_1] that
kenji said no, and then tunde asked me|[PERSON_1] said no, and then [PERSON_2] asked me
Kenji said no.|[PERSON_1] said no.
the allergist said no, my allergist said|the allergist said no, my allergist said
jaylen's mom called|[PERSON_1]'s mom called
Jaylen's mom called.|[PERSON_1]'s mom called.
jaylen’s mom called|[PERSON_1]’s mom called
her kid, tyrese, is in third grade|her kid, [PERSON_1], is in third grade
my granddaughter aaliyah|my granddaughter [PERSON_1]
i'm tired and this is hard|i'm tired and this is hard
you said you'd think about it|you said you'd think about it
have faith in the kid they're tougher|have faith in the kid they're tougher
the kid's mom and my son's teacher|the kid's mom and my son's teacher
I told HR, she said okay|I told HR, she said okay
EOF
}

@test "anonymize: people after a cue in cased text, and between commas" {
	anon_table <<'EOF'
I talked to Principal Okafor about it.|I talked to Principal [PERSON_1] about it.
My husband Vikram works nights.|My husband [PERSON_1] works nights.
My husband, Vikram, works nights.|My husband, [PERSON_1], works nights.
My boss, Ngozi Adeyemi, said no.|My boss, [PERSON_1], said no.
My patient, Mr. Obi, was fine.|My patient, Mr. [PERSON_1], was fine.
I spoke to Sgt. Amadi at the desk.|I spoke to Sgt. [PERSON_1] at the desk.
my husband, vikram, works nights|my husband, [PERSON_1], works nights
my son, mateo.|my son, [PERSON_1].
My wife, I think, was right.|My wife, I think, was right.
My mother, Thanks to her we stayed.|My mother, Thanks to her we stayed.
my brother, who lives far away, called|my brother, who lives far away, called
my friend, the one from work, came|my friend, the one from work, came
My boss said So.|My boss said So.
I rode with a young man, Jalen, who is deaf.|I rode with a young man, [PERSON_1], who is deaf.
The woman, Maria, said no.|The woman, [PERSON_1], said no.
A man, Sorry, I forgot. The kid, Monday, was late.|A man, Sorry, I forgot. The kid, Monday, was late.
a driver named ray, no it was roy, took me|a driver named [PERSON_1], no it was [PERSON_2], took me
a ray of light, the x ray|a ray of light, the x ray
Last week Doña Maria's sugar was high, Señora Lopez said.|Last week Doña [PERSON_1]'s sugar was high, Señora [PERSON_2] said.
the nurse was kind, her name was destiny, and his name is hunter|the nurse was kind, her name was [PERSON_1], and his name is [PERSON_2]
the street name was long, the name is bond|the street name was long, the name is bond
EOF
}

@test "anonymize: lower case, listed names where a name stands" {
	anon_table <<'EOF'
like kevin said, it works|like [PERSON_1] said, it works
megan from the wellness office came|[PERSON_1] from the wellness office came
thanks, dustin.|thanks, [PERSON_1].
so, dustin, what do you think|so, [PERSON_1], what do you think
jennifer recommended it|[PERSON_1] recommended it
kevin okafor came|[PERSON_1] came
i will call her jessica, she said|i will call her [PERSON_1], she said
the max is ten, my nan agrees|the max is ten, my nan agrees
i hope so, and brown rice too|i hope so, and brown rice too
we grew up in the white house|we grew up in the white house
EOF
}

@test "anonymize: lower-case mode is the document's: a cased document keeps lower-case words" {
	printf 'doc\ttext\na\tHello there.\na\tmegan from the office came\nb\tmegan from the office came\n' >"$T/in.tsv"
	run anonymize "$T/in.tsv"
	[ "$status" -eq 0 ]
	[ "${lines[2]}" = $'a\tmegan from the office came' ]
	[ "${lines[3]}" = $'b\t[PERSON_1] from the office came' ]
	# a capital in the speaker column does not make the text cased
	printf 'doc\tspeaker\ttext\na\tSPEAKER_00\tmegan came\n' >"$T/in2.tsv"
	run anonymize "$T/in2.tsv"
	[ "${lines[1]}" = $'a\tSPEAKER_00\t[PERSON_1] came' ]
}

# The roster holds 17 people whose given names are words (Will, Grace,
# Hope, Mark, Rose, Bill, May, Faith, Joy, Sunny, Summer, Dawn, Art, Pat,
# Sue, Rob, Jack), each with the given name as an alias.
@test "anonymize: roster names that are words: the word stays (lower case)" {
	anon_table --roster "$P/roster.tsv" <<'EOF'
i will remember that|i will remember that
my will to finish was low|my will to finish was low
mark down the price, mark up the draft|mark down the price, mark up the draft
faith based groups help, bill collectors call|faith based groups help, bill collectors call
we had a hope chest and a rose colored view|we had a hope chest and a rose colored view
we will see|we will see
will you come|will you come
it will probably rain|it will probably rain
the program will start soon|the program will start soon
i hope so|i hope so
i hope we can|i hope we can
there is hope for us|there is hope for us
she rose to the occasion|she rose to the occasion
we bill the insurance later|we bill the insurance later
mark the box please|mark the box please
may i ask something|may i ask something
it may be late|it may be late
there is a grace period|there is a grace period
you have to have faith|you have to have faith
it was a sunny day|it was a sunny day
we met last summer|we met last summer
it began to dawn on me|it began to dawn on me
the art of listening|the art of listening
a pat on the back|a pat on the back
they said they would sue them|they said they would sue them
he tried to rob a store|he tried to rob a store
jack up the price|jack up the price
the joy of teaching|the joy of teaching
my mom will kill me|my mom will kill me
we had a sunny summer|we had a sunny summer
the will of the people|the will of the people
thank you for coming|thank you for coming
thank you may i ask something|thank you may i ask something
thanks will you send it|thanks will you send it
i hope that helps|i hope that helps
hope that helps|hope that helps
it will do you good|it will do you good
she did it with grace|she did it with grace
with grace and dignity|with grace and dignity
the only hope is gone|the only hope is gone
what hope is there|what hope is there
i will first check|i will first check
EOF
}

@test "anonymize: roster names that are words: the word stays (cased text)" {
	anon_table --roster "$P/roster.tsv" <<'EOF'
I will remember that.|I will remember that.
Will you come?|Will you come?
I hope so. Hope you are well.|I hope so. Hope you are well.
May I ask?|May I ask?
Rose to the occasion, she did.|Rose to the occasion, she did.
Mark the box, then bill the insurance.|Mark the box, then bill the insurance.
I have faith in the process.|I have faith in the process.
EOF
}

@test "anonymize: roster names that are words: the name is replaced" {
	anon_table --roster "$P/roster.tsv" <<'EOF'
thanks, will.|thanks, [S01].
will and faith were there|[S01] and [S08] were there
faith and okoro came|[S08] and [PERSON_1] came
that was what said will|that was what said [S01]
will said it was fine|[S01] said it was fine
so, hope, what do you think|so, [S03], what do you think
i talked to grace about it|i talked to [S02] about it
my friend named rose came|my friend named [S05] came
bill told me|[S06] told me
will was there|[S01] was there
will teaches math|[S01] teaches math
so will went home|so [S01] went home
faith lin came, then lin left|[S08] came, then [S08] left
Thanks, Will. Will and I agree.|Thanks, [S01]. [S01] and I agree.
I asked Grace yesterday.|I asked [S02] yesterday.
Faith said no.|[S08] said no.
Jack, can you hear me?|[S17], can you hear me?
thank you faith this was great|thank you [S08] this was great
thank you mark thank you grace and hope i really appreciate it|thank you [S04] thank you [S02] and [S03] i really appreciate it
thanks grace|thanks [S02]
hi i'm grace i have two kids|hi i'm [S02] i have two kids
my name is grace|my name is [S02]
this is mark|this is [S04]
mark can you say more about that|[S04] can you say more about that
that's important mark did you want to add something|that's important [S04] did you want to add something
hope what about you|[S03] what about you
hope that must have been terrifying|[S03] that must have been terrifying
will fifth grade oakmont|[S01] fifth grade [PLACE_1]
the interview with grace recording started|the interview with [S02] recording started
some people do faith does will does mister harlan|some people do [S08] does [S01] does mister [PERSON_1]
EOF
}

@test "anonymize: the issue's ASR example: the roster Will stays the word, Faith goes" {
	got=$(anon_text "so i grew up in boise and my will to finish was pretty low that year. you can reach me at faith dot lin" --roster "$P/roster.tsv")
	[ "$got" = "so i grew up in [PLACE_1] and my will to finish was pretty low that year. you can reach me at [S08] dot [S08]" ]
}

@test "anonymize: a surname alone after the full name has the full name's tag, within the document" {
	anon_table <<'EOF'
Kevin Okafor came. Later Okafor said hi.|[PERSON_1] came. Later [PERSON_1] said hi.
kevin okafor came and later okafor left|[PERSON_1] came and later [PERSON_1] left
doctor okoro came; okoro was kind|doctor [PERSON_1] came; [PERSON_1] was kind
Kevin Okafor and Ann Okafor met; Okafor left.|[PERSON_1] and [PERSON_2] met; [PERSON_3] left.
EOF
	# another document: the part is not linked there
	printf 'doc\ttext\na\tKevin Okafor came.\nb\tOkafor came.\nb\tokafor left\n' >"$T/in.tsv"
	run anonymize "$T/in.tsv"
	[ "${lines[1]}" = $'a\t[PERSON_1] came.' ]
	[ "${lines[2]}" = $'b\tOkafor came.' ]
	[ "${lines[3]}" = $'b\tokafor left' ]
}

@test "anonymize: --audit lists every replacement with its rule and the kept name-like words" {
	printf 'doc\tseg\tspeaker\ttext\nd1\t1\tWill Park\tmy will to finish; doctor okoro, faith and mail a@b.org\nd1\t2\tx\tGrace met Kevin in May.\n' >"$T/in.tsv"
	run anonymize --roster "$P/roster.tsv" --audit "$T/audit.tsv" "$T/in.tsv"
	[ "$status" -eq 0 ]
	[ "$(stat -c %a "$T/audit.tsv")" = 600 ]
	diff - "$T/audit.tsv" <<-'EOF'
	doc	seg	column	action	rule	why	original	tag
	d1	1	text	kept	roster name that is a word	determiner before	will	
	d1	1	text	replaced	guessed person	title	okoro	[PERSON_1]
	d1	1	text	replaced	roster name that is a word	no evidence either way	faith	[S08]
	d1	1	text	replaced	structured	EMAIL	a@b.org	[EMAIL_1]
	d1	1	speaker	replaced	roster	speaker label	Will Park	[S01]
	d1	2	text	kept	roster name that is a word	idiom	May	
	d1	2	text	replaced	roster name that is a word	no evidence either way	Grace	[S02]
	d1	2	text	replaced	guessed person	capitalised listed name	Kevin	[PERSON_2]
	EOF
}

@test "anonymize: --plain --audit lists a speaker label it replaced, with the line as seg" {
	printf 'Will Park: we met Kevin\nnothing here\n' >"$T/in.txt"
	run anonymize --plain --roster "$P/roster.tsv" --audit "$T/audit.tsv" "$T/in.txt"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = '[S01]: we met [PERSON_1]' ]
	# (printf: a here-document with <<- would eat the empty doc's TAB)
	printf '%s\n' $'doc\tseg\tcolumn\taction\trule\twhy\toriginal\ttag' \
		$'\t1\t\treplaced\troster\tspeaker label\tWill Park\t[S01]' \
		$'\t1\t\treplaced\tguessed person\tcapitalised listed name\tKevin\t[PERSON_1]' |
		diff - "$T/audit.tsv"
}

@test "anonymize: --audit never replaces a file, and leaves none behind on an error" {
	printf 'mine\n' >"$T/audit.tsv"
	run anonymize --audit "$T/audit.tsv" </dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == *"audit.tsv"* ]]
	[ "$(cat "$T/audit.tsv")" = mine ]
	# bad input: no audit file, no temporary file
	printf 'doc\ttext\nd\ta\tb\n' >"$T/bad.tsv"
	run anonymize --audit "$T/new.tsv" "$T/bad.tsv"
	[ "$status" -eq 2 ]
	[ ! -e "$T/new.tsv" ]
	[ "$(ls "$T")" = "$(printf 'audit.tsv\nbad.tsv')" ]
	# plain text: seg is the line number
	printf 'hello\nthanks, Kevin.\n' | anonymize --plain --audit "$T/p.tsv" >/dev/null
	[ "$(sed -n 2p "$T/p.tsv")" = $'\t2\t\treplaced\tguessed person\tcapitalised listed name\tKevin\t[PERSON_1]' ]
}

@test "anonymize: the evaluation set in lower case keeps its people figures" {
	EV=$BATS_TEST_DIRNAME/eval/anonymize
	awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 { $4 = tolower($4) } { print }' "$EV/input.tsv" >"$T/in.tsv"
	awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 && $3 == "text" { $4 = tolower($4) } { print }' "$EV/truth.tsv" >"$T/truth.tsv"
	anonymize --roster "$EV/roster.tsv" --terms "$EV/terms.tsv" "$T/in.tsv" >"$T/out.tsv"
	run "$EV/score.sh" "$T/in.tsv" "$T/out.tsv" "$T/truth.tsv"
	[ "$status" -eq 0 ]
	[[ "$output" == *"recall R 122 122 100.0"* ]]
	[[ "$output" == *"recall T 21 21 100.0"* ]]
	[[ "$output" == *"recall N 14 14 100.0"* ]]
	[[ "$output" == *"over 0 3150 0.00"* ]]
}

# Issue 12: roster words and listed names decided by the words around
# them (roster of the ASR set: Will, Bill, ...).
@test "anonymize people: a quoted question's Will, the whole bill, the neighbors who put up a fund" {
	R=$BATS_TEST_DIRNAME/eval/anonymize-asr/roster.tsv
	anon_table --roster "$R" <<'EOF2'
She asks, "Will this help a kid next week?" I think about that.|She asks, "Will this help a kid next week?" I think about that.
so that whole bill is on us|so that whole bill is on us
and the neighbors put up a fund|and the neighbors put up a fund
and a book that jennifer recommended|and a book that [PERSON_1] recommended
EOF2
}

# Issue 12, from tune2's misses: the surname alone after a person named
# like a town, a given name before a surname met already, a roster
# name before "i was" (a speaker introducing herself).
@test "anonymize people: a surname alone after the full name, a given name joined to it, may i was" {
	R=$BATS_TEST_DIRNAME/eval/anonymize-asr/roster.tsv
	anon_table --roster "$R" <<'EOF2'
My friend Ngozi Okeke came. Later Okeke left.|My friend [PERSON_1] came. Later [PERSON_1] left.
A man in Mendota, Mr. Vang, sorry, Pao Vang, waited.|A man in [PLACE_1], Mr. [PERSON_1], sorry, [PERSON_1], waited.
may i was at the hospital for a broken hip|[P08] i was at the hospital for a broken hip
may i ask a question|may i ask a question
EOF2
}

# Issue 12, from tune2's lost words: a roster word as a compound's head
# after a determiner and a noun, a modal's question after said, grace
# said at a meal; the other Will and a name at the end stay names.
@test "anonymize-people: the hospital bill, a question mark, may i after said, saying grace; the other will" {
	anon_table --roster "$BATS_TEST_DIRNAME/eval/anonymize-asr/roster.tsv" <<'EOF2'
and the hospital bill was nine thousand|and the hospital bill was nine thousand
a card with a question mark and he said|a card with a question mark and he said
i said may i talk to somebody|i said may i talk to somebody
the gal said may i put you on hold|the gal said may i put you on hold
while she was saying grace she says grace|while she was saying grace she says grace
by the gate and rose garden and rose bushes|by the gate and rose garden and rose bushes
and then the other will came in|and then the other [P02] came in
thanks for having me out to the farm mark|thanks for having me out to the farm [P05]
i told the nurse grace about it|i told the nurse [P03] about it
EOF2
}

# Issue 12: a roster name as a speech recogniser misspells it is the
# roster person; ordinary words near a roster name (belly, bully) and
# parts of four letters or fewer do not count.
@test "anonymize-people: roster names misspelt by ASR are the roster person, near words stay" {
	anon_table --roster "$BATS_TEST_DIRNAME/eval/anonymize-asr/roster.tsv" <<'EOF2'
so i talked to dana kowalcyk about it|so i talked to [I01] about it
and tomasz wierzbiki was there|and [P09] was there
mister castilo and priyanka desia came|mister [P04] and [P11] came
Then Whitacker said no.|Then [P06] said no.
my belly hurt and a bully came|my belly hurt and a bully came
we met satto and tranh|we met satto and tranh
EOF2
}

@test "anonymize-people: --audit names a misspelt roster name's rule" {
	printf 'doc\ttext\nd\tthen wierzbiki was there\n' >"$BATS_TEST_TMPDIR/in.tsv"
	run anonymize --roster "$BATS_TEST_DIRNAME/eval/anonymize-asr/roster.tsv" \
		--audit "$BATS_TEST_TMPDIR/audit.tsv" "$BATS_TEST_TMPDIR/in.tsv"
	[ "$status" -eq 0 ]
	grep -q "	replaced	roster	a roster name misspelt	wierzbiki	\[P09\]$" "$BATS_TEST_TMPDIR/audit.tsv"
}
