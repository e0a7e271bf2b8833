/*
 * codepath.h: code paths, the names of codes in a hierarchical codebook.
 *
 * A code path names a code in a hierarchical codebook: segments joined
 * by '/', as in barriers/time-constraints, whose parent is barriers.  A
 * record's codes column holds several paths separated by ';' (and its
 * hits column the same number of counts), as qualpipe-records(5) says of
 * every multi-valued field; list.h walks those.  (codebook.h is the other
 * thing: codebooks, the files of codes and patterns, and the matcher.)
 *
 * Everything here works on byte spans the caller owns and allocates
 * nothing.  The paths are taken as they are: escaping (record.h) is the
 * caller's business, and none of the functions fail except the validity
 * check, which says whether a path is usable at all.
 */
#ifndef QP_CODEPATH_H
#define QP_CODEPATH_H

#include <stdbool.h>
#include <stddef.h>

/* A usable path: not empty, no empty segment ("a//b", "/a", "a/"). */
bool code_valid(const char *p, size_t n);
/* Number of segments (1 for "a", 2 for "a/b"); 0 for an empty path. */
size_t code_depth(const char *p, size_t n);
/* Length of the path cut to its first depth segments; n when the path is
 * no deeper than that, or when depth is 0 (no cut). */
size_t code_cut(const char *p, size_t n, size_t depth);
/* Length of the parent's path (a prefix of p), or 0 for a top-level code. */
size_t code_parent(const char *p, size_t n);
/* Is a a proper ancestor of b (b begins with a followed by '/')? */
bool code_is_ancestor(const char *a, size_t an, const char *b, size_t bn);
/*
 * Tree order: bytewise, but with '/' below every other byte, so that a
 * code sorts directly before its descendants and those come before its
 * next sibling ("a", "a/x", "a-b", not "a", "a-b", "a/x").  Returns <0, 0
 * or >0 as strcmp does.
 */
int code_cmp(const char *a, size_t an, const char *b, size_t bn);

#endif
