/*
 * opt.h: list options, the one way every filter reads them.
 *
 * A list option (--by, --codes, --columns, --exclude-role) takes a comma-
 * separated list, and using it again adds to the list: "--by role,doc"
 * and "--by role --by doc" mean the same (qualpipe(7)).  Blanks around an
 * item are dropped; an empty item, an item given twice, or one the
 * filter's check refuses is a usage error.
 *
 * A qp_strlist owns its strings (NUL-terminated copies); v is NULL only
 * while n is 0.  Initialise with QP_STRLIST_INIT, release with
 * qp_strlist_free, which leaves an empty list.
 */
#ifndef QP_OPT_H
#define QP_OPT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char **v;
	size_t n;
} qp_strlist;

#define QP_STRLIST_INIT { NULL, 0 }

/*
 * Add the items of arg, the value of option opt ("--by"), to l.  valid
 * (may be NULL) says whether an item is acceptable, for instance
 * qp_valid_colname for a list of columns; what (e.g. "column name")
 * names what it wanted in the error.  usage is the filter's usage text.
 */
void qp_optlist_add(qp_strlist *l, const char *arg, const char *opt,
                    bool (*valid)(const char *s, size_t n), const char *what,
                    const char *usage);

/* Index of s in l, or -1. */
long qp_strlist_find(const qp_strlist *l, const char *s, size_t n);

void qp_strlist_free(qp_strlist *l);

#endif
