/*
 * report: the results of a thematic analysis as one self-contained HTML
 * page: the code matrix as a heat map, code co-occurrence, thematic
 * saturation, agreement, the quotes per theme, methods and provenance.
 * See man/report.1.
 *
 * This file holds the options, finds the input files and the facts of
 * the run (date, codebook, hashes); lib/study.h reads the results,
 * lib/page.h writes the page, with lib/svg.h's charts and lib/html.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "codebook.h"
#include "input.h"
#include "map.h"
#include "output.h"
#include "page.h"
#include "qp.h"
#include "study.h"

static const char usage[] =
	"usage: report [-o FILE [--force]] [--title TEXT] [--date YYYY-MM-DD]\n"
	"              [--measure segments|speakers|share] [--codebook FILE]\n"
	"              [--step TEXT] [--max-codes N] [--max-groups N] [--max-quotes N]\n"
	"              [--tally FILE] [--cooccur FILE] [--saturation FILE]\n"
	"              [--quotes FILE] [--agreement FILE] [--coded FILE]\n"
	"              [--line-buffered] [--replace-invalid] [--quiet] [DIR]\n"
	"       report --help | --version\n"
	"Write the results of a thematic analysis (DIR, as thematic-analysis.sh\n"
	"leaves it) as one self-contained HTML page.\n"
	"  -o, --output FILE  write the page to FILE (atomically), not to stdout\n"
	"  --force            replace FILE if it exists\n"
	"  --title TEXT       the page's title (default: Thematic analysis)\n"
	"  --date YYYY-MM-DD  the date the page gives (default: SOURCE_DATE_EPOCH,\n"
	"                     else the newest input file's)\n"
	"  --measure segments|speakers|share\n"
	"                     what the heat map's cells hold (default segments)\n"
	"  --codebook FILE    the codebook coded with: its name, codes and hash\n"
	"  --step TEXT        a step of the run with its options (repeatable)\n"
	"  --max-codes N      codes shown in the matrices (default 40; 0: all)\n"
	"  --max-groups N     groups shown (default 12; 0: all)\n"
	"  --max-quotes N     quotes shown per theme (default 30; 0: all)\n"
	"  --tally FILE       tally's long output (default DIR/tally.tsv)\n"
	"  --cooccur FILE     tally --cooccur's (default DIR/cooccur.tsv)\n"
	"  --saturation FILE  tally --saturation's (default DIR/saturation.tsv)\n"
	"  --quotes FILE      pick-quotes' (default DIR/quotes.tsv)\n"
	"  --agreement FILE   agree's (default DIR/agreement.tsv)\n"
	"  --coded FILE       the coded records (default DIR/coded.tsv.gz)\n"
	QP_COMMON_HELP;

enum { IN_TALLY, IN_COOCCUR, IN_SATURATION, IN_QUOTES, IN_AGREEMENT, IN_CODED, NIN };
static const char *const in_kind[NIN] = {
	"tally", "cooccur", "saturation", "quotes", "agreement", "coded"
};
static const char *const in_default[NIN] = {
	"tally.tsv", "cooccur.tsv", "saturation.tsv", "quotes.tsv", "agreement.tsv",
	"coded.tsv.gz"
};

enum {
	OPT_FORCE = QP_OPT_FIRST_PRIVATE,
	OPT_TITLE,
	OPT_DATE,
	OPT_MEASURE,
	OPT_CODEBOOK,
	OPT_STEP,
	OPT_MAX_CODES,
	OPT_MAX_GROUPS,
	OPT_MAX_QUOTES,
	OPT_IN,                     /* OPT_IN + IN_... */
};

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "measure", required_argument, NULL, OPT_MEASURE },
	{ "codebook", required_argument, NULL, OPT_CODEBOOK },
	{ "step", required_argument, NULL, OPT_STEP },
	{ "max-codes", required_argument, NULL, OPT_MAX_CODES },
	{ "max-groups", required_argument, NULL, OPT_MAX_GROUPS },
	{ "max-quotes", required_argument, NULL, OPT_MAX_QUOTES },
	{ "tally", required_argument, NULL, OPT_IN + IN_TALLY },
	{ "cooccur", required_argument, NULL, OPT_IN + IN_COOCCUR },
	{ "saturation", required_argument, NULL, OPT_IN + IN_SATURATION },
	{ "quotes", required_argument, NULL, OPT_IN + IN_QUOTES },
	{ "agreement", required_argument, NULL, OPT_IN + IN_AGREEMENT },
	{ "coded", required_argument, NULL, OPT_IN + IN_CODED },
	QP_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

typedef struct {
	const char *output, *title, *date, *codebook;
	bool force;
	enum pg_measure measure;
	char **step;
	size_t nsteps;
	unsigned long max_codes, max_groups, max_quotes;
	char *in[NIN];              /* owned */
} options;

static void
set_option(options *o, int c)
{
	switch (c) {
	case 'o': o->output = optarg; break;
	case OPT_FORCE: o->force = true; break;
	case OPT_TITLE: o->title = optarg; break;
	case OPT_DATE: o->date = optarg; break;
	case OPT_MEASURE:
		if (strcmp(optarg, "segments") == 0)
			o->measure = PG_SEGMENTS;
		else if (strcmp(optarg, "speakers") == 0)
			o->measure = PG_SPEAKERS;
		else if (strcmp(optarg, "share") == 0)
			o->measure = PG_SHARE;
		else
			qp_usage_error(usage, "--measure: segments, speakers or share, not '%s'",
			               optarg);
		break;
	case OPT_CODEBOOK: o->codebook = optarg; break;
	case OPT_STEP:
		o->step = xreallocarray(o->step, o->nsteps + 1, sizeof *o->step);
		o->step[o->nsteps++] = optarg;
		break;
	case OPT_MAX_CODES:
		o->max_codes = qp_parse_ulong(optarg, "--max-codes", 100000, usage);
		break;
	case OPT_MAX_GROUPS:
		o->max_groups = qp_parse_ulong(optarg, "--max-groups", 100000, usage);
		break;
	case OPT_MAX_QUOTES:
		o->max_quotes = qp_parse_ulong(optarg, "--max-quotes", 1000000, usage);
		break;
	default:
		if (c >= OPT_IN && c < OPT_IN + NIN) {
			free(o->in[c - OPT_IN]);
			o->in[c - OPT_IN] = xstrdup(optarg);
			break;
		}
		qp_common_opt(c, usage);
	}
}

/* The files not named by an option, from DIR: tally.tsv must be there,
 * the others are read when they are (the coded records as coded.tsv.gz
 * or coded.tsv). */
static char *
in_dir(const char *dir, const char *name, bool must)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	struct stat st;
	if (must || stat(p, &st) == 0)
		return p;
	free(p);
	return NULL;
}

static void
find_inputs(options *o, const char *dir)
{
	for (int k = 0; k < NIN; k++)
		if (!o->in[k] && dir)
			o->in[k] = in_dir(dir, in_default[k], k == IN_TALLY);
	if (!o->in[IN_CODED] && dir)
		o->in[IN_CODED] = in_dir(dir, "coded.tsv", false);
	if (!o->in[IN_TALLY])
		qp_usage_error(usage, "give DIR or --tally FILE");
}

static bool
valid_date(const char *s)
{
	int y, m, d;
	char end;
	return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 &&
	       s[4] == '-' && s[7] == '-' && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* The page's date: --date, else SOURCE_DATE_EPOCH, else the newest
 * modification time of the inputs; as YYYY-MM-DD in UTC. */
static void
page_date(const options *o, char out[16])
{
	if (o->date) {
		if (!valid_date(o->date))
			qp_usage_error(usage, "--date: YYYY-MM-DD, not '%s'", o->date);
		snprintf(out, 16, "%s", o->date);
		return;
	}
	time_t t = 0;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (errno || *end || v < 0 || sde[0] < '0' || sde[0] > '9')
			qp_die("SOURCE_DATE_EPOCH: not a number of seconds: '%s'", sde);
		t = (time_t)v;
	} else {
		for (int k = 0; k < NIN; k++) {
			struct stat st;
			if (o->in[k] && stat(o->in[k], &st) == 0 && st.st_mtime > t)
				t = st.st_mtime;
		}
	}
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(out, 16, "%Y-%m-%d", &tm) == 0)
		qp_die("SOURCE_DATE_EPOCH: a date out of range");
}

/* BLAKE2b-256 of the file's bytes, as hex. */
static void
hash_file(const char *path, char hex[65])
{
	crypto_generichash_state st;
	unsigned char buf[65536], h[32];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		qp_die("%s: %s", path, strerror(errno));
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			qp_die("%s: %s", path, strerror(e));
		}
		if (n == 0)
			break;
		crypto_generichash_update(&st, buf, (size_t)n);
	}
	close(fd);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(hex, 65, h, sizeof h);
}

/* BLAKE2b-256 of the file's content: its lines as they are read (gzip
 * inflated), each ended by a newline; so a gzip file made of shards has
 * the hash of the one-process file. */
static void
hash_content(const char *path, char hex[65])
{
	crypto_generichash_state st;
	unsigned char h[32];
	char *files[1] = { (char *)path };
	qp_input *in = qp_input_new(1, files, 0);
	const char *line;
	size_t n;

	crypto_generichash_init(&st, NULL, 0, sizeof h);
	while (qp_input_line(in, &line, &n)) {
		crypto_generichash_update(&st, (const unsigned char *)line, n);
		crypto_generichash_update(&st, (const unsigned char *)"\n", 1);
	}
	qp_input_free(in);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(hex, 65, h, sizeof h);
}

static const char *
base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static mode_t
file_mode(void)
{
	mode_t m = umask(0);
	umask(m);
	return 0666 & ~m;
}

int
main(int argc, char **argv)
{
	options o = { .title = "Thematic analysis", .max_codes = 40, .max_groups = 12,
	              .max_quotes = 30 };
	int c;

	qp_init("report");
	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1)
		set_option(&o, c);
	if (argc - optind > 1)
		qp_usage_error(usage, "one DIR at most");
	if (o.force && !o.output)
		qp_usage_error(usage, "--force goes with -o FILE");
	find_inputs(&o, optind < argc ? argv[optind] : NULL);
	if (sodium_init() < 0)
		qp_die("libsodium could not be initialised");

	char date[16];
	page_date(&o, date);
	pg_file files[NIN];
	pg_meta m = { .title = o.title, .date = date, .version = QP_VERSION,
	              .measure = o.measure,
	              .step = o.step, .nsteps = o.nsteps, .file = files,
	              .quotes = o.in[IN_QUOTES], .max_quotes = o.max_quotes };
	for (int k = 0; k < NIN; k++)
		if (o.in[k]) {
			files[m.nfiles] = (pg_file){ in_kind[k], base_name(o.in[k]), "" };
			hash_content(o.in[k], files[m.nfiles++].hash);
		}
	cb_codebook *cb = NULL;
	qp_map *desc = NULL;
	if (o.codebook) {
		cb = cb_load(o.codebook);
		desc = qp_map_new();
		for (size_t i = 0; i < cb_ncodes(cb); i++) {
			const char *p = cb_code_path(cb, i);
			qp_map_put(desc, p, strlen(p), NULL)->val = (void *)cb_code_desc(cb, i);
		}
		m.codebook = base_name(o.codebook);
		m.codebook_codes = cb_ncodes(cb);
		m.desc = desc;
		hash_file(o.codebook, m.codebook_hash);
	}

	qp_out *out = o.output ? qp_out_create(o.output, (int)file_mode(),
	                                       o.force ? QP_OUT_REPLACE : QP_OUT_NEW)
	                       : qp_stdout;
	st_study s;
	st_init(&s, o.max_codes, o.max_groups);
	st_read_tally(&s, o.in[IN_TALLY]);
	if (o.in[IN_COOCCUR])
		st_read_cooccur(&s, o.in[IN_COOCCUR]);
	if (o.in[IN_SATURATION])
		st_read_saturation(&s, o.in[IN_SATURATION]);
	if (o.in[IN_AGREEMENT])
		st_read_agreement(&s, o.in[IN_AGREEMENT]);
	if (o.in[IN_CODED])
		st_read_coded(&s, o.in[IN_CODED]);
	pg_write(out, &s, &m);
	if (o.output)
		qp_out_commit(out);
	else
		qp_out_close(qp_stdout);

	st_free(&s);
	qp_map_free(desc);
	if (cb)
		cb_free(cb);
	for (int k = 0; k < NIN; k++)
		free(o.in[k]);
	free(o.step);
	return 0;
}
