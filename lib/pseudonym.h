/*
 * pseudonym.h: anonymize's store of entities and their tags, and the
 * re-identification map that leads back from a tag to what it replaced.
 *
 * An entity is one person or thing: a category (PERSON, EMAIL, a --terms
 * category) and a normal form, the spelling-independent key by which two
 * occurrences are the same entity.  Its tag is "[S01]" when fixed (a
 * participant id), "[CAT_5e0f3a91c2]" with a key (the first bytes of a
 * keyed BLAKE2b hash of category and normal form: the same in every run
 * with the same key), else "[CAT_n]", numbered in the order the text first
 * uses the entities.  A tag given twice is warned about (a hash collision,
 * or a participant id used for two people).
 *
 * A proto is an entity known before the text is read (a roster person, a
 * --terms term); it becomes an entity at its first occurrence, so that
 * numbering follows the text, not the lists.
 *
 * The map (--map) has one row per category, tag and original spelling,
 * with a count.  With --map-append the rows of an earlier run are read
 * first: an original or a normal form it lists keeps its tag, a new
 * number follows the highest of its category, and a disagreement (another
 * roster or key) is an error.
 *
 * Memory: a qp_pseudo owns every entity, tag, category name, map row and
 * its map output; pseudo_free releases them.  Returned tags stay valid
 * until pseudo_free.  Strings passed in are copied unless said otherwise.
 */
#ifndef QP_PSEUDONYM_H
#define QP_PSEUDONYM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pii.h"

/* The category numbers the store starts with: PERSON, then one per
 * category of pii.h, PSEUDO_PII + cat. */
enum { PSEUDO_PERSON = 0, PSEUDO_PII = 1 };

typedef struct qp_pseudo qp_pseudo;

qp_pseudo *pseudo_new(void);
void pseudo_free(qp_pseudo *ps);

/* Read the key of --key-file path (at least 16 bytes, or 32 hexadecimal
 * digits; a longer one is condensed); from then on tags are keyed hashes.
 * Dies on a bad key, and warns when others may read the file. */
void pseudo_load_key(qp_pseudo *ps, const char *path);

/* The number of the category called name (upper case), added if new. */
int pseudo_category(qp_pseudo *ps, const char *name);

/* The entity of category cat with normal form norm[0..n), created on
 * first sight; fixed (a participant id, borrowed only for the call) makes
 * its tag "[fixed]". */
uint32_t pseudo_entity(qp_pseudo *ps, int cat, const char *norm, size_t n,
                       const char *fixed);
int pseudo_entity_category(const qp_pseudo *ps, uint32_t ent);

/* A proto of an entity; fixed is borrowed and must outlive ps.  Its
 * number. */
uint32_t pseudo_proto(qp_pseudo *ps, int cat, const char *norm, size_t n,
                      const char *fixed);
/* The entity of proto p, created at the first call. */
uint32_t pseudo_proto_entity(qp_pseudo *ps, uint32_t p);

/*
 * An occurrence of entity ent written as orig[0..n): gives the entity
 * its tag if it has none yet (an earlier run's, or the next number),
 * checks it against the earlier run's (dies on a disagreement), counts
 * it, and returns the tag.
 */
const char *pseudo_use(qp_pseudo *ps, uint32_t ent, const char *orig, size_t n);

/*
 * Keep a map, to be written to path by pseudo_map_commit.  Checked
 * before any input is read: an existing path is an error unless append
 * (read it as an earlier run's map: errors name its lines) or force
 * (replace it).  path is borrowed and must outlive ps.
 */
void pseudo_map_open(qp_pseudo *ps, const char *path, bool append, bool force);
/* Write the map whole, sorted by category, tag and original, and put it
 * in place; nothing without pseudo_map_open.  Only once the run has
 * succeeded: the map is the only way back from a tag to a person. */
void pseudo_map_commit(qp_pseudo *ps);

/* A document ends: entity ids given before it may be forgotten (with a
 * key, once there are many; see pseudonym.c), so no caller keeps one
 * across documents; protos stay valid. */
void pseudo_new_doc(qp_pseudo *ps);

/* One line per category, in name order, on standard error: how many
 * replacements and how many distinct entities among them. */
void pseudo_report(const qp_pseudo *ps);

#endif
