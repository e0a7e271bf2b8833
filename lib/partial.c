/* partial.c: the shared part of --partial and --merge (see partial.h). */
#include <stdlib.h>
#include <string.h>

#include "partial.h"
#include "qp.h"

bool
qp_partial_header_is(const qp_rd *rd, const char *const *names, int n)
{
	if (qp_rd_ncols(rd) != n)
		return false;
	for (int i = 0; i < n; i++)
		if (strcmp(qp_rd_name(rd, i), names[i]) != 0)
			return false;
	return true;
}

void
qp_partial_join(const char *const *names, int n, const char *sep, qp_buf *out)
{
	for (int i = 0; i < n; i++) {
		if (i)
			buf_adds(out, sep);
		buf_adds(out, names[i]);
	}
}

void
qp_partial_refuse_unmerged(const qp_rd *rd, const char *const *marks,
                           const char *hint)
{
	if (qp_rd_ncols(rd) == 0 || qp_rd_col(rd, "codes") >= 0)
		return;
	for (; *marks; marks++)
		if (qp_rd_col(rd, *marks) < 0)
			return;
	qp_die_at(qp_rd_file(rd), 1, "%s", hint);
}

#define GIVE_SAME "(give --merge the options the shards had)"

static void
check_number(const qp_rd *rd, const char *name, uint64_t had, uint64_t has)
{
	if (had != has)
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "the partial output was made with %s %llu, this merge has %llu "
		          GIVE_SAME, name, (unsigned long long)had,
		          (unsigned long long)has);
}

_Noreturn static void
unknown_option(const qp_rd *rd, qp_span name, const char *prog)
{
	qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
	          "not %s --partial output: unknown option '%.*s'", prog,
	          (int)(name.n > 40 ? 40 : name.n), name.p);
}

static bool
span_is(qp_span v, const char *s)
{
	return strlen(s) == v.n && memcmp(s, v.p, v.n) == 0;
}

/* --- qp_partial_options ------------------------------------------------ */

void
qp_partial_options_init(qp_partial_options *po, const char *prog)
{
	memset(po, 0, sizeof *po);
	po->prog = prog;
	po->scratch = (qp_buf)QP_BUF_INIT;
}

void
qp_partial_options_free(qp_partial_options *po)
{
	for (size_t i = 0; i < po->n; i++)
		free(po->list[i]);
	buf_free(&po->scratch);
	qp_partial_options_init(po, po->prog);
}

static size_t
add(qp_partial_options *po, const char *name)
{
	if (po->n == QP_PARTIAL_MAX_OPTIONS)
		qp_die("qp_partial_options: more than %d options", QP_PARTIAL_MAX_OPTIONS);
	po->name[po->n] = name;
	return po->n++;
}

void
qp_partial_options_add(qp_partial_options *po, const char *name, uint64_t value)
{
	po->value[add(po, name)] = value;
}

static int
strcmp_qsort(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
qp_partial_options_add_list(qp_partial_options *po, const char *name,
                            const qp_strlist *l)
{
	const char **v = xcalloc(l->n + 1, sizeof *v);
	for (size_t i = 0; i < l->n; i++)
		v[i] = l->v[i];
	qsort(v, l->n, sizeof *v, strcmp_qsort);
	qp_buf text = QP_BUF_INIT;
	qp_partial_join(v, (int)l->n, ",", &text);
	free(v);
	po->list[add(po, name)] = buf_detach(&text, NULL);
}

void
qp_partial_options_value(const qp_partial_options *po, size_t i, qp_buf *out)
{
	if (po->list[i])
		buf_adds(out, po->list[i]);
	else
		buf_printf(out, "%llu", (unsigned long long)po->value[i]);
}

/* A new file starts with no option seen. */
static void
sync_file(qp_partial_options *po, const qp_rd *rd)
{
	const char *f = qp_rd_file(rd);
	if (!po->file || strcmp(po->file, f) != 0) {
		po->file = f;
		po->seen = 0;
	}
}

/* A recorded number: decimal digits, no more than UINT64_MAX. */
static uint64_t
recorded_number(const qp_partial_options *po, const qp_rd *rd, size_t i, qp_span v)
{
	uint64_t x = 0;
	bool ok = v.n > 0 && v.n <= 20;
	for (size_t k = 0; ok && k < v.n; k++) {
		unsigned d = (unsigned)(v.p[k] - '0');
		ok = d <= 9 && x <= (UINT64_MAX - d) / 10;
		x = x * 10 + d;
	}
	if (!ok)
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "not %s --partial output: option '%s' has the value '%.*s', "
		          "not a number", po->prog, po->name[i],
		          (int)(v.n > 40 ? 40 : v.n), v.p);
	return x;
}

/* "--codes a,b", or "no --codes" for an empty list. */
static const char *
list_phrase(const char *name, const char *text, size_t n, qp_buf *out)
{
	if (n == 0)
		buf_printf(out, "no --%s", name);
	else
		buf_printf(out, "--%s %.*s", name, (int)(n > 200 ? 200 : n), text);
	return out->s;
}

static void
check_list(qp_partial_options *po, const qp_rd *rd, size_t i, qp_span had)
{
	qp_buf *has = &po->scratch;
	buf_reset(has);
	qp_escape(po->list[i], strlen(po->list[i]), has);
	if (has->len == had.n && memcmp(has->s, had.p, had.n) == 0)
		return;
	qp_buf a = QP_BUF_INIT, b = QP_BUF_INIT;
	qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
	          "the partial output was made with %s, this merge has %s " GIVE_SAME,
	          list_phrase(po->name[i], had.p, had.n, &a),
	          list_phrase(po->name[i], has->s, has->len, &b));
}

void
qp_partial_options_record(qp_partial_options *po, const qp_rd *rd, qp_span name,
                          qp_span value)
{
	size_t i = 0;
	while (i < po->n && !span_is(name, po->name[i]))
		i++;
	if (i == po->n)
		unknown_option(rd, name, po->prog);
	sync_file(po, rd);
	if (po->list[i])
		check_list(po, rd, i, value);
	else
		check_number(rd, po->name[i], recorded_number(po, rd, i, value),
		             po->value[i]);
	po->seen |= UINT32_C(1) << i;
}

void
qp_partial_options_met(qp_partial_options *po, const qp_rd *rd)
{
	sync_file(po, rd);
	size_t i = 0;
	while (i < po->n && (po->seen & (UINT32_C(1) << i)))
		i++;
	if (i < po->n)
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "not %s --partial output: no option record for '%s' before "
		          "this line (made by an older %s? run the shards again)",
		          po->prog, po->name[i], po->prog);
}
