/*
 * list.h: the values of a multi-valued field.
 *
 * qualpipe-records(5) separates the values of a field such as codes or
 * hits with ';'.  A qp_list walks them over a byte span the caller owns
 * (the field still escaped, or unescaped: ';' is not an escape), handing
 * out spans into it; nothing is allocated and nothing fails.
 */
#ifndef QP_LIST_H
#define QP_LIST_H

#include <stdbool.h>
#include <stddef.h>

/* Walks the values of a ';'-separated field.  An empty field has no
 * values; "a;;b" has an empty one in the middle, which the caller may
 * treat as an error. */
typedef struct {
	const char *p, *end;
	bool done;
} qp_list;

void qp_list_init(qp_list *l, const char *p, size_t n);
/* The next value as *v, *vn; false when there are no more. */
bool qp_list_next(qp_list *l, const char **v, size_t *vn);
/* How many values the field holds (0 for an empty field). */
size_t qp_list_count(const char *p, size_t n);

#endif
