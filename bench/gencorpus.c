/*
 * gencorpus: writes a reproducible corpus of synthetic focus-group
 * transcripts for the benchmarks.
 *
 *   gencorpus [-s SEED] [-m MEGABYTES] DIR
 *
 * DIR receives transcripts in the four export layouts qualpipe meets most
 * (Zoom WebVTT, Teams WebVTT, Otter.ai text, labelled text), in turn, each
 * a session of a few hundred turns, until MEGABYTES (default 1024) are
 * written; and roster.tsv, naming every speaker with role and participant.
 * The same seed gives the same bytes.  The talk is assembled from phrase
 * lists written for this benchmark: it has the shape of focus-group speech
 * (fillers, short agreements, long turns split over cues) and carries
 * theme words, names, e-mail addresses, phone numbers and dates in
 * roughly the density of real transcripts, so every filter has work.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint64_t rs;

static uint64_t
rnd(void)
{
	/* xorshift64*: small, fast, and the same everywhere. */
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return rs * 0x2545F4914F6CDD1DULL;
}

static unsigned
pick(unsigned n)
{
	return (unsigned)(rnd() % n);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *first[] = {
	"Maria", "Dev", "Aisha", "Tomas", "Lena", "Kwame", "Priya", "Jonah",
	"Sofia", "Hiroshi", "Amara", "Diego", "Noor", "Elliot", "Yara", "Mateo",
	"Chen", "Fatima", "Lucas", "Ingrid", "Omar", "Zoe", "Rafael", "Keiko",
	"Samuel", "Leila", "Nikolai", "Grace", "Tariq", "Elena", "Malik", "Hannah",
	"Arjun", "Chloe", "Kofi", "Beatriz", "Isaac", "Mei", "Ravi", "Ana",
};
static const char *last[] = {
	"Lopez", "Patel", "Okafor", "Nguyen", "Schmidt", "Mensah", "Kowalski",
	"Haddad", "Rossi", "Tanaka", "Adeyemi", "Fernandez", "Khan", "Larsen",
	"Moreau", "Silva", "Wang", "Osei", "Novak", "Ibrahim", "Cohen", "Reyes",
	"Sato", "Bianchi", "Mwangi", "Dubois", "Park", "Oliveira", "Jensen",
	"Banerjee", "Costa", "Murphy", "Ali", "Eriksen", "Garcia", "Yilmaz",
};
static const char *fill[] = {
	"um,", "uh,", "like,", "you know,", "I mean,", "so", "honestly,",
	"yeah,", "right,", "kind of", "I guess", "basically,",
};
static const char *open_[] = {
	"I think", "For me", "Honestly", "I feel like", "What I noticed is that",
	"I'd say", "To be honest", "In my experience", "The way I see it",
	"I guess", "Something I keep coming back to is that", "I agree, and",
};
static const char *clause[] = {
	"compassion is more than empathy because you actually have to do something about it",
	"it's not just feeling for someone, it's taking action to help them",
	"it's really hard to put into words, it's more something you feel in your chest",
	"there's this warmth in my body when I'm with a patient who is really suffering",
	"I think it can be cultivated, it's like a muscle you practice",
	"nobody is just born with it, you learn it over time",
	"I have to take care of myself first, sleep and exercise and therapy",
	"my faith and my friends keep me going when things get heavy",
	"before med school I worked as an EMT and that changed how I see people",
	"when my grandmother was sick I saw how the nurses treated her",
	"one attending I had was amazing, the way she talked to the family stayed with me",
	"my preceptor always sat down at the bedside and I looked up to him",
	"we spend all day memorizing for Step 1 and multiple choice exams",
	"the lectures are all facts and nobody talks about the human side",
	"the culture on the wards can be pretty toxic, people get pimped and humiliated",
	"there is just no time, fifteen-minute visits and a full schedule",
	"I'm always behind, there's so much to cover and never enough hours in the day",
	"by the end of the week I'm exhausted and completely burned out",
	"sometimes it feels like nothing changes and the system just grinds you down",
	"what's the point when the patient goes home to the same situation",
	"when a patient is rude or yells at the staff it's really hard to stay kind",
	"people who refused to wear a mask during COVID really tested my patience",
	"colleagues can be dismissive and that disrespect wears on you",
	"the small group sessions were one of the few places we talked about this",
	"I'm not sure, I need to think about that a bit more",
	"we did a reflection exercise last year and it helped a little",
	"it drains me some days but it also sustains me on others",
	"I remember a patient with cancer who just wanted someone to listen",
	"the hidden curriculum teaches you to detach and move on to the next room",
	"having a mentor who checks in on you makes a huge difference",
};
static const char *agree[] = {
	"Yeah.", "Mm-hmm.", "Totally.", "Right, exactly.", "Yes, same.",
	"I agree.", "That's so true.", "[laughs] Yeah.", "Definitely.",
};
static const char *modq[] = {
	"What does compassion mean to you?",
	"Does compassion drain you or sustain you?",
	"Can compassion be cultivated, do you think?",
	"What supports your compassion day to day?",
	"What gets in the way of compassion for you?",
	"Can anyone give an example of that?",
	"Thank you. Does anyone want to add to that?",
	"Let's move on to the next question.",
};
static const char *roles[] = { "MS", "SGA", "MCL" };

typedef struct {
	char name[64];
	char id[8];
	int role;        /* index into roles, 3 for moderator */
} person;

/* The pool: NMOD moderators, then PER_ROLE people of each group. */
#define NMOD 6
#define PER_ROLE 300
static person people[NMOD + 3 * PER_ROLE];
static int npeople = NMOD + 3 * PER_ROLE;

static void
make_people(void)
{
	static unsigned char used[N(first)][N(last)];
	for (int i = 0; i < npeople; i++) {
		unsigned a, b;
		do {
			a = pick(N(first));
			b = pick(N(last));
		} while (used[a][b]);
		used[a][b] = 1;
		person *p = &people[i];
		p->role = i < NMOD ? 3 : (i - NMOD) / PER_ROLE;
		snprintf(p->name, sizeof p->name, "%s %s", first[a], last[b]);
		snprintf(p->id, sizeof p->id, "%c%04d", i < NMOD ? 'M' : "SAL"[p->role],
		         (i % 10000) + 1);
	}
}

static FILE *
xopen(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	return f;
}

/* One turn's text into buf. */
static size_t
turn_text(char *buf, size_t cap, int moderator)
{
	size_t n = 0;
	int k;
#define ADD(s) do { const char *s_ = (s); size_t l_ = strlen(s_); \
	if (n + l_ + 2 < cap) { if (n) buf[n++] = ' '; memcpy(buf + n, s_, l_); n += l_; } } while (0)
	if (moderator) {
		ADD(modq[pick(N(modq))]);
		buf[n] = '\0';
		return n;
	}
	if (pick(5) == 0) {
		ADD(agree[pick(N(agree))]);
		buf[n] = '\0';
		return n;
	}
	int sentences = 1 + (int)pick(5);
	for (k = 0; k < sentences; k++) {
		const char *o = open_[pick(N(open_))];
		if (pick(2)) {
			ADD(fill[pick(N(fill))]);
			if (o[0] != 'I' || o[1] != ' ') {
				char low[64];
				snprintf(low, sizeof low, "%s", o);
				low[0] = (char)(low[0] + 32);
				ADD(low);
				o = NULL;
			}
		}
		if (o)
			ADD(o);
		ADD(clause[pick(N(clause))]);
		unsigned r = pick(40);
		char tmp[128];
		if (r == 0) {
			snprintf(tmp, sizeof tmp, "like %s said", first[pick(N(first))]);
			ADD(tmp);
		} else if (r == 1) {
			snprintf(tmp, sizeof tmp, "Dr. %s told me that", last[pick(N(last))]);
			ADD(tmp);
		} else if (r == 2) {
			snprintf(tmp, sizeof tmp, "you can email me at %c.%s@medschool.example.edu",
			         "abcdefghijklmnopqrstuvwxyz"[pick(26)], last[pick(N(last))]);
			ADD(tmp);
		} else if (r == 3) {
			snprintf(tmp, sizeof tmp, "call the office at (555) %03u-%04u",
			         100 + pick(900), pick(10000));
			ADD(tmp);
		} else if (r == 4) {
			snprintf(tmp, sizeof tmp, "on March %u, 2021", 1 + pick(28));
			ADD(tmp);
		}
		buf[n++] = pick(6) == 0 ? '?' : '.';
	}
	buf[n] = '\0';
	buf[0] = (char)(buf[0] >= 'a' && buf[0] <= 'z' ? buf[0] - 32 : buf[0]);
	return n;
#undef ADD
}

static void
stamp(char *out, unsigned ms, int vtt)
{
	if (vtt)
		sprintf(out, "%02u:%02u:%02u.%03u", ms / 3600000, ms / 60000 % 60,
		        ms / 1000 % 60, ms % 1000);
	else if (ms >= 3600000)
		sprintf(out, "%u:%02u:%02u", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60);
	else
		sprintf(out, "%u:%02u", ms / 60000, ms / 1000 % 60);
}

int
main(int argc, char **argv)
{
	uint64_t seed = 42;
	double mb = 1024;
	int c;

	while ((c = getopt(argc, argv, "s:m:")) != -1) {
		switch (c) {
		case 's': seed = strtoull(optarg, NULL, 10); break;
		case 'm': mb = atof(optarg); break;
		default:
			fputs("usage: gencorpus [-s seed] [-m megabytes] dir\n", stderr);
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fputs("usage: gencorpus [-s seed] [-m megabytes] dir\n", stderr);
		return 2;
	}
	const char *dir = argv[optind];
	rs = seed * 0x9E3779B97F4A7C15ULL + 1;
	double total = 0, limit = mb * 1024 * 1024;
	make_people();
	char text[4096], name[64], t0[32], t1[32];

	for (int docno = 1; total < limit; docno++) {
		int fmt = (docno - 1) % 4, role = (int)pick(3);
		static const char *ext[] = { "zoom.vtt", "teams.vtt", "otter.txt", "labeled.txt" };
		char fname[64];
		snprintf(fname, sizeof fname, "%05d-%s-%s", docno, roles[role], ext[fmt]);
		for (char *p = fname; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
		FILE *f = xopen(dir, fname);

		/* Five to seven participants of the doc's group and a moderator,
		 * drawn from a fixed pool, so the roster names each person once. */
		int np = 5 + (int)pick(3), who_idx[8];
		who_idx[0] = (int)pick(NMOD);
		for (int i = 1; i <= np; i++)
			who_idx[i] = NMOD + role * PER_ROLE + (int)pick(PER_ROLE);
		if (fmt < 2)
			fputs("WEBVTT\n\n", f);
		unsigned ms = 1500;
		int turns = 250 + (int)pick(150), cue = 1;
		for (int t = 0; t < turns; t++) {
			int who = t % 6 == 0 ? 0 : 1 + (int)pick((unsigned)np);
			person *p = &people[who_idx[who]];
			snprintf(name, sizeof name, "%s", p->name);
			size_t n = turn_text(text, sizeof text, who == 0);
			if (fmt < 2) {
				/* Zoom and Teams cut a turn into cues of about a dozen words. */
				char *s = text;
				while (*s) {
					char *e = s;
					for (int w = 0; *e && w < 12; w++) {
						while (*e && *e != ' ')
							e++;
						while (*e == ' ')
							e++;
					}
					int len = (int)(e - s);
					while (len > 0 && s[len - 1] == ' ')
						len--;
					unsigned dur = 800 + (unsigned)len * 55;
					stamp(t0, ms, 1);
					stamp(t1, ms + dur, 1);
					if (fmt == 0)
						fprintf(f, "%d\n%s --> %s\n%s: %.*s\n\n", cue, t0, t1, name, len, s);
					else
						fprintf(f, "%08x-%04x-4%03x-a%03x-%012llx/%d-0\n%s --> %s\n<v %s>%.*s</v>\n\n",
						        (unsigned)(rnd() >> 32), (unsigned)pick(65536), pick(4096),
						        pick(4096), (unsigned long long)(rnd() >> 16), cue % 100,
						        t0, t1, name, len, s);
					cue++;
					ms += dur + pick(400);
					s = e;
				}
			} else if (fmt == 2) {
				stamp(t0, ms, 0);
				fprintf(f, "%s  %s\n%s\n\n", name, t0, text);
				ms += 1000 + (unsigned)n * 60;
			} else {
				/* Labelled: upper-case label, text wrapped near 76 columns. */
				char label[64];
				size_t i;
				for (i = 0; name[i] && i < sizeof label - 1; i++)
					label[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
				label[i] = '\0';
				/* Every speaker by name, the moderator too: a bare
				 * MODERATOR label could be any of the pool's moderators. */
				fprintf(f, "%s: ", label);
				int col = (int)strlen(label) + 2;
				for (char *s = text; *s;) {
					char *e = strchr(s, ' ');
					int wl = e ? (int)(e - s) : (int)strlen(s);
					if (col + wl > 76) {
						fputc('\n', f);
						col = 0;
					} else if (s != text) {
						fputc(' ', f);
						col++;
					}
					fwrite(s, 1, (size_t)wl, f);
					col += wl;
					s += wl;
					while (*s == ' ')
						s++;
				}
				fputs("\n\n", f);
			}
		}
		total += (double)ftell(f);
		if (fclose(f) != 0) {
			perror(fname);
			return 2;
		}
	}

	FILE *r = xopen(dir, "roster.tsv");
	fputs("name\taliases\trole\tparticipant\n", r);
	for (int i = 0; i < npeople; i++)
		fprintf(r, "%s\t\t%s\t%s\n", people[i].name,
		        people[i].role == 3 ? "moderator" : roles[people[i].role], people[i].id);
	return fclose(r) != 0 ? 2 : 0;
}
