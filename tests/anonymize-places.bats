#!/usr/bin/env bats
# anonymize: places from the gazetteer (data/places) and institutions by
# their shape, cased and in lower case; ordinary words and people kept.
load helper

A=$BATS_TEST_DIRNAME/fixtures/anonymize

@test "anonymize places: the issue's examples, cased and in lower case" {
	anon_table <<'EOF'
I grew up in Boise, Idaho, and worked at Riverside Memorial Hospital, then Oakmont Elementary.|I grew up in [PLACE_1], Idaho, and worked at [ORG_1], then [ORG_2].
so i grew up in boise idaho and started here|so i grew up in [PLACE_1] idaho and started here
i worked at riverside memorial hospital|i worked at [ORG_1]
then oakmont elementary for two years|then [ORG_1] for two years
EOF
}

@test "anonymize places: places without a doubt need no cue" {
	anon_table <<'EOF'
Boise is cold|[PLACE_1] is cold
we drove through boise and then moved to salt lake city|we drove through [PLACE_1] and then moved to [PLACE_2]
San Jose or san jose, and Boise's winters|[PLACE_1] or [PLACE_1], and [PLACE_2]'s winters
New York City, not new york|[PLACE_1], not new york
EOF
}

@test "anonymize places: a place that is a word needs a cue or a state after it, and its capital where the text has capitals" {
	anon_table <<'EOF'
I moved to Reading, Pennsylvania in May|I moved to [PLACE_1], Pennsylvania in May
i moved to reading last year|i moved to [PLACE_1] last year
I moved to reading last year|I moved to reading last year
we lived in mobile alabama|we lived in [PLACE_1] alabama
She lives in Bath now|She lives in [PLACE_1] now
it was Nice weather when we flew to Nice|it was Nice weather when we flew to [PLACE_1]
she was born in hope|she was born in [PLACE_1]
just outside of orange|just outside of [PLACE_1]
we lived in east boston then moved to north dallas|we lived in [PLACE_1] then moved to [PLACE_2]
we used to go to myrtle beach, and we've been to boise|we used to go to [PLACE_1], and we've been to [PLACE_2]
i grew up in a town called broken arrow|i grew up in a town called [PLACE_1]
we lived in a little village named millbrook for years|we lived in a little village named [PLACE_1] for years
EOF
}

@test "anonymize places: ordinary words that are places stay" {
	anon_table <<'EOF'
I am interested in reading and writing.|I am interested in reading and writing.
the mobile clinic, a hot bath, a nice day|the mobile clinic, a hot bath, a nice day
i hope so. I can come. That is more than enough.|i hope so. I can come. That is more than enough.
dressed in orange, in hope of change|dressed in orange, in hope of change
Reading the notes helped.|Reading the notes helped.
i was going to say, some left over|i was going to say, some left over
we go to bath and, we've been to reading|we go to bath and, we've been to reading
the city called me back, the town called a meeting|the city called me back, the town called a meeting
they live east of boston|they live east of [PLACE_1]
I was going to say, some left over|I was going to say, some left over
i went to college there|i went to college there
one kid went from reading a book a month|one kid went from reading a book a month
what does a healthy school look like|what does a healthy school look like
I'm on OB right now|I'm on OB right now
EOF
}

@test "anonymize places: a place that is a person's name is a place where a place stands" {
	anon_table <<'EOF'
We went to Florence in June.|We went to [PLACE_1] in June.
i moved to eugene for school|i moved to [PLACE_1] for school
she is from Paris|she is from [PLACE_1]
Florence said hi.|[PERSON_1] said hi.
Eugene told me.|[PERSON_1] told me.
Dr. Kildare came|Dr. [PERSON_1] came
a call from Florence today|a call from [PERSON_1] today
in Florence's office|in [PERSON_1]'s office
i'm from eugene|i'm from [PLACE_1]
my son Teo was born|my son [PERSON_1] was born
Ngozi Okafor came|[PERSON_1] came
EOF
}

@test "anonymize places: counties and parishes by their shape" {
	anon_table <<'EOF'
we lived in ada county|we lived in [PLACE_1]
Orange County and Jefferson Parish|[PLACE_1] and [PLACE_2]
the county, my county, a rural county|the county, my county, a rural county
EOF
}

@test "anonymize places: states and countries are kept" {
	anon_table <<'EOF'
I grew up in Idaho, in Canada and in new york|I grew up in Idaho, in Canada and in new york
from Washington to Georgia|from Washington to Georgia
Georgia said so|[PERSON_1] said so
EOF
}

@test "anonymize places: institutions by their shape, cased or not" {
	anon_table <<'EOF'
at Riverside General Hospital|at [ORG_1]
at riverside general hospital|at [ORG_1]
Mercy Medical Center, Lakeside Clinic|[ORG_1], [ORG_2]
St. Mary's Hospital and Saint Jude Academy|[ORG_1] and [ORG_2]
saint jude academy|[ORG_1]
St. Mark's Church|[ORG_1]
Lincoln High School and Kennedy Middle School|[ORG_1] and [ORG_2]
lincoln high|[ORG_1]
the University of Michigan and Stanford University|the [ORG_1] and [ORG_2]
she studied at hollins college|she studied at [ORG_1]
Acme Corp and Globex Group|[ORG_1] and [ORG_2]
we sold it to acme inc|we sold it to [ORG_1]
EOF
}

@test "anonymize places: a kind of institution is no institution" {
	anon_table <<'EOF'
the hospital, a middle school, my high school, the local clinic|the hospital, a middle school, my high school, the local clinic
a mental hospital, grad school, the community college|a mental hospital, grad school, the community college
a focus group, the support group, our group|a focus group, the support group, our group
I kept a few clinic hours and went to medical school|I kept a few clinic hours and went to medical school
My first-year longitudinal clinic was good|My first-year longitudinal clinic was good
it was pretty high, the middle of it|it was pretty high, the middle of it
EOF
}

@test "anonymize places: one tag per place and institution, PLACE and ORG shared with --terms" {
	got=$(anon_text "From Cedar Falls to Boise, then Boise again; St. Brendan's Hospital, Oakmont Elementary" --terms "$A/terms.tsv")
	[ "$got" = "From [PLACE_1] to [PLACE_2], then [PLACE_2] again; [ORG_1], [ORG_2]" ]
}

@test "anonymize places: the roster and --keep come first" {
	printf 'name\tparticipant\nFlorence Okoro\tS01\n' >"$BATS_TEST_TMPDIR/r.tsv"
	got=$(anon_text "in Florence we met Florence" --roster "$BATS_TEST_TMPDIR/r.tsv")
	[ "$got" = "in [S01] we met [S01]" ]
	printf 'Boise\nRiverside Memorial Hospital\n' >"$BATS_TEST_TMPDIR/k.txt"
	got=$(anon_text "Boise and Riverside Memorial Hospital" --keep "$BATS_TEST_TMPDIR/k.txt")
	[ "$got" = "Boise and Riverside Memorial Hospital" ]
}

@test "anonymize places: --plain and the map" {
	printf 'I grew up in Boise.\n' >"$BATS_TEST_TMPDIR/t.txt"
	run anonymize --plain --map "$BATS_TEST_TMPDIR/m.tsv" "$BATS_TEST_TMPDIR/t.txt"
	[ "$status" -eq 0 ]
	[ "$output" = "I grew up in [PLACE_1]." ]
	grep -qF "$(printf 'Boise\t[PLACE_1]\tPLACE')" "$BATS_TEST_TMPDIR/m.tsv"
}

@test "anonymize places: institutions by the words around them (saint, state, high, middle, memorial, a denomination, county, called)" {
	anon_table <<'EOF2'
all the way to saint luke's because i was at work|all the way to [ORG_1] because i was at work
i was born at saint alphonsus and raised here|i was born at [ORG_1] and raised here
in the emergency room at saint luke's meridian three times|in the emergency room at [ORG_1] three times
nursing school at boise state and then|nursing school at [ORG_1] and then
he's a junior now at capital high and he's on the team|he's a junior now at [ORG_1] and he's on the team
a lot of families in canyon county don't get it|a lot of families in [PLACE_1] don't get it
a place in meridian called treasure valley family counseling and they were great|a place in [PLACE_1] called [ORG_1] and they were great
someone in mobile called me back|someone in mobile called me back
she works for a company called micron now|she works for a company called [ORG_1] now
we moved to saint paul last year|we moved to [PLACE_1] last year
she called the billing office at riverside memorial and just talked|she called the billing office at [ORG_1] and just talked
my wife got a job at riverside memorial|my wife got a job at [ORG_1]
her kid is at riverside middle, his at lincoln elementary|her kid is at [ORG_1], his at [ORG_2]
she teaches at the college of western idaho|she teaches at the [ORG_1]
we go to first baptist church, they to grace lutheran church|we go to [ORG_1], they to [ORG_2]
my church is saint mary's on sundays|my church is [ORG_1] on sundays
My church is St. Mary's, and the kids at St. Jude's were fine.|My church is [ORG_1], and the kids at [ORG_2] were fine.
i'm a nurse at good samaritan, the kids go to kindercare|i'm a nurse at [ORG_1], the kids go to [ORG_2]
EOF2
}

@test "anonymize places: a county's board or office of something, in text without case" {
	anon_table <<'EOF2'
a letter from the franklin county board of developmental disabilities no wait|a letter from the [ORG_1] no wait
her caseworker at montgomery county board of developmental disabilities services is angela|her caseworker at [ORG_1] is [PERSON_1]
the ada county office of emergency management called|the [ORG_1] called
she sat on the county board of health|she sat on the county board of health
in ada county of all places|in [PLACE_1] of all places
EOF2
}

@test "anonymize places: a church of several words before its denomination, a roster word among them" {
	anon_table <<'EOF2'
my pastor at greater new hope baptist, we say grace|my pastor at [ORG_1], we say grace
from mount pleasant united methodist to first baptist|from [ORG_1] to [ORG_2]
to grace methodist, i pray|to [ORG_1], i pray
our church maple grove united methodist has a van|our church [ORG_1] has a van
our church, grace lutheran, is small|our church, [ORG_1], is small
at church, baptist or not, we sing|at church, baptist or not, we sing
At church, First African Baptist, the pastor prays.|At church, [ORG_1], the pastor prays.
she went to the new baptist|she went to the new baptist
he went to a baptist college|he went to a baptist college
it was at the big methodist one|it was at the big methodist one
EOF2
}

@test "anonymize places: in text without case, a center or agency for or on something" {
	anon_table <<'EOF2'
he trained at the center for the visually impaired on west peachtree|he trained at the [ORG_1] on west peachtree
it was from the central ohio area agency on aging at the door|it was from the [ORG_1] at the door
she called the council on aging about it|she called the [ORG_1] about it
we stood in the center for a while|we stood in the center for a while
the center for two weeks, the commission for ten years|the center for two weeks, the commission for ten years
the center for kids was closed, in the center for me|the center for kids was closed, in the center for me
the agency for that is slow, the agency on monday said no|the agency for that is slow, the agency on monday said no
EOF2
}

@test "anonymize places: heads and modifiers after a head in capitals, a hospital by its short name" {
	anon_table <<'EOF2'
I'm a nurse at Memorial Health University Medical Center in town.|I'm a nurse at [ORG_1] in town.
In Beaver County the Beaver County Transit Authority runs it.|In [PLACE_1] the [ORG_1] runs it.
Stanford University Hospital was fine.|[ORG_1] was fine.
Now she rides to Allegheny General alone, or to Mass General.|Now she rides to [ORG_1] alone, or to [ORG_2].
He wrote to Attorney General Adams, and in general he waits.|He wrote to Attorney General [PERSON_1], and in general he waits.
Clínica Sierra Vista has a waitlist; La Clínica de la Raza is in town.|[ORG_1] has a waitlist; La [ORG_2] is in town.
We met at the Lincoln Park Zoo, then the Eastside Food Pantry.|We met at the [ORG_1], then the [ORG_2].
They moved him to UCSF Benioff Children's Hospital.|They moved him to [ORG_1].
Our pastor at Mount Zion AME Church helped; the kids are at Little Sprouts Daycare.|Our pastor at [ORG_1] helped; the kids are at [ORG_2].
we went to the boise zoo|we went to the [ORG_1]
an appeal to the greater dayton regional transit authority at the office|an appeal to the [ORG_1] at the office
the regional transit authority said no|the regional transit authority said no
i work at lakeside family dental and she at sunrise senior living|i work at [ORG_1] and she at [ORG_2]
my mom is at golden years nursing home, he's in the oak grove rehab center|my mom is at [ORG_1], he's in the [ORG_2]
they moved her to a nursing home, her mom's nursing home was fine|they moved her to a nursing home, her mom's nursing home was fine
we went to the funeral home, i live in assisted living now|we went to the funeral home, i live in assisted living now
he's at the cancer center and the dialysis center|he's at the cancer center and the dialysis center
we took the kids to the zoo, the animal shelter and the food pantry|we took the kids to the zoo, the animal shelter and the food pantry
she's at the homeless shelter downtown, a preschool nearby|she's at the homeless shelter downtown, a preschool nearby
we went to the clinica sierra vista on monday|we went to the [ORG_1] on monday
The Escuela was closed, and en la clínica no hay agua.|The Escuela was closed, and en la clínica no hay agua.
EOF2
}

@test "anonymize places: the same words in ordinary phrases stay" {
	anon_table <<'EOF2'
he's a saint, honestly|he's a saint, honestly
the saint's day, she is on St. Paul's list|the saint's day, she is on [PLACE_1]'s list
he was a good samaritan that day|he was a good samaritan that day
the state pays for it and the county does not|the state pays for it and the county does not
high school was hard, prices at high levels|high school was hard, prices at high levels
a thing called love, a place called home|a thing called love, a place called home
after the memorial service we went home|after the memorial service we went home
we met at the memorial on sunday, and on memorial day at the lake|we met at the memorial on sunday, and on [DATE_1] at the lake
in the middle, at the middle, at elementary, the elementary school|in the middle, at the middle, at elementary, the elementary school
a catholic church, the baptist church, we went to church|a catholic church, the baptist church, we went to church
she was in the state for a year|she was in the state for a year
we went to saint|we went to saint
she moved back to boise state of mind|she moved back to [PLACE_1] state of mind
EOF2
}

@test "anonymize places: an institution's short form later in the same document is the same institution" {
	run anonymize <<'EOF2'
doc	text
d1	she worked at riverside memorial hospital and riverside general hospital
d1	later at riverside memorial and then riverside general, not the memorial service
d2	then riverside general
EOF2
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "d1	she worked at [ORG_1] and [ORG_2]" ]
	[ "${lines[2]}" = "d1	later at [ORG_1] and then [ORG_2], not the memorial service" ]
	[ "${lines[3]}" = "d2	then riverside general" ]
	# a short form with a word the lexicon lacks (ambrosius) is not linked
	run anonymize <<'EOF2'
doc	text
d1	at saint ambrosius regional medical center
d1	then saint ambrosius
EOF2
	[ "${lines[2]}" = "d1	then saint ambrosius" ]
}

@test "anonymize places: --audit names the rule of a place, an institution, a --terms entry and a cued person" {
	T=$(mktemp -d)
	printf 'term\tcategory\nCedar Falls\tplace\n' >"$T/terms.tsv"
	printf 'doc\tseg\ttext\nd\t1\tI went to Boise and worked at Riverside Memorial Hospital near Cedar Falls. My son Teo came.\n' >"$T/in.tsv"
	run anonymize --terms "$T/terms.tsv" --audit "$T/audit.tsv" "$T/in.tsv"
	[ "$status" -eq 0 ]
	diff - "$T/audit.tsv" <<-'EOF'
	doc	seg	column	action	rule	why	original	tag
	d	1	text	replaced	place or institution	gazetteer or shape	Boise	[PLACE_1]
	d	1	text	replaced	place or institution	gazetteer or shape	Riverside Memorial Hospital	[ORG_1]
	d	1	text	replaced	term		Cedar Falls	[PLACE_2]
	d	1	text	replaced	guessed person	cue word	Teo	[PERSON_1]
	EOF
	rm -rf "$T"
}

# Issue 12, from the ASR parts' misses: two-word heads, a county's
# institution, employers after "work at", organisations of orgs.txt,
# Oregon State, a saint's possessive over a town, Holy Cross; and each
# one's ordinary look-alike, which stays.
@test "anonymize places: institutions by two-word heads, employers and listed organisations, and their look-alikes" {
	anon_table <<'EOF2'
the clinic at valley family medicine said the wait is three months|the clinic at [ORG_1] said the wait is three months
We send kids to Treasure Valley Family Counseling, to anyone|We send kids to [ORG_1], to anyone
a respite program through canyon county behavioral health and a lady|a respite program through [ORG_1] and a lady
We meet at the Canyon County Health Department monthly.|We meet at the [ORG_1] monthly.
i went to ada county hospital|i went to [ORG_1]
she studied family medicine and youth mental health first aid|she studied family medicine and youth mental health first aid
the county health department and the food bank|the county health department and the food bank
i work at costco on weekends and i have school|i work at [ORG_1] on weekends and i have school
i work at home and i work at night|i work at home and i work at night
what would make school a healthier place|what would make school a healthier place
i love school and i skip school|i love school and i skip school
the walgreens on county road forty two|the [ORG_1] on [ADDRESS_1]
I shop at Target and my target is ten pounds.|I shop at [ORG_1] and my target is ten pounds.
I worked at Amazon. The amazon is a river.|I worked at [ORG_1]. The amazon is a river.
tell families about the y m c a they have a program|tell families about the [ORG_1] they have a program
a red cross on the door and the Red Cross came|a red cross on the door and the [ORG_1] came
i take an uber to the clinic|i take an uber to the clinic
she does it for love|she does it for love
for sure i want to go to oregon state or maybe|for sure i want to go to [ORG_1] or maybe
i moved to washington state in june|i moved to washington state in june
At Saint Anne's we don't have a nurse at all.|At [ORG_1] we don't have a nurse at all.
We share one with Holy Cross across the river.|We share one with [ORG_1] across the river.
we pray to the holy spirit at holy family|we pray to the holy spirit at [ORG_1]
I had watched the video once, in August.|I had watched the video once, in August.
We have a lot of families from Dearborn who moved here.|We have a lot of families from [PLACE_1] who moved here.
EOF2
}

# Issue 12, from tune2's misses: capitals before a capital head, a
# county's department of something, two ordinary words before a head,
# a listed organisation's branch, more heads (library, agency, network).
@test "anonymize places: capitalised names before heads, branches of listed organisations, and what stays" {
	anon_table <<'EOF2'
We do home visits for Community Regional Medical Center and the county.|We do home visits for [ORG_1] and the county.
I went to Fresno City College after high school.|I went to [ORG_1] after high school.
His report for the Fresno County Department of Public Health is out.|His report for the [ORG_1] is out.
I was at the University Hospital for a week.|I was at the University Hospital for a week.
The Emergency Department was full.|The Emergency Department was full.
she came home from mercy valley hospital three weeks ago|she came home from [ORG_1] three weeks ago
the mobile clinic and a staffing agency and the public library|the mobile clinic and a staffing agency and the public library
the librarian at hennepin county library printed it|the librarian at [ORG_1] printed it
a health worker with Valley Promotoras Network for years.|a health worker with [ORG_1] for years.
i was at fairview southdale for my appendix|i was at [ORG_1] for my appendix
i was at abbott northwestern for my knee|i was at [ORG_1] for my knee
the walmart north of town|the [ORG_1] north of town
we went to saint olaf catholic and then home|we went to [ORG_1] and then home
EOF2
}

@test "anonymize places: capitals after at, for or with; a town's State; a parish by its denomination; and what stays" {
	anon_table <<'EOF2'
I manage case management at Harbor View, eight social workers.|I manage case management at [ORG_1], eight social workers.
I went to Fresno City College, then Fresno State, and started here.|I went to [ORG_1], then [ORG_2], and started here.
pastor jim olsen from trinity lutheran came out twice|pastor [PERSON_1] from [ORG_1] came out twice
He talked with Spanish speakers at Costco.|He talked with Spanish speakers at [ORG_1].
We met at Christmas with English Language Learners for Dinner.|We met at [DATE_1] with English Language Learners for Dinner.
we go to a lutheran church and the catholic one|we go to a lutheran church and the catholic one
EOF2
}

# Issue 12, from tune3's misses: a capital head with of, on or for and
# capitals after it; more heads (authority, station, hall, ...); the
# same words as kinds after a determiner stay.
@test "anonymize-places: Office of X, Area Agency on Aging, more heads, and the kinds that stay" {
	anon_table <<'EOF2'
Referrals come through the Office of Vocational Rehabilitation. The|Referrals come through the [ORG_1]. The
We call the Area Agency on Aging. Their|We call the [ORG_1]. Their
They trained at the Center for the Visually Impaired on|They trained at the [ORG_1] on
I went to the Office of my boss.|I went to the Office of my boss.
they took me to rehab at dodd hall over at|they took me to rehab at [ORG_1] over at
the train station and the town hall and the farmers market|the train station and the town hall and the farmers market
by the fire station and grange hall, a livestock market and mass transit|by the fire station and grange hall, a livestock market and mass transit
at kensington station and|at [ORG_1] and
EOF2
}

# Issue 12, from tune3's misses: a place that is a word after in or from
# where a conjunction or the end follows it, and after toward.
@test "anonymize-places: a place that is a word after in before until, after toward; the words that stay" {
	anon_table <<'EOF2'
i worked there in moraine until they closed|i worked there in [PLACE_1] until they closed
those run out toward stone mountain and back|those run out toward [PLACE_1] and back
she calls from reading every sunday|she calls from reading every sunday
a moraine is a glacier thing|a moraine is a glacier thing
EOF2
}
