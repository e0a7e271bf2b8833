/*
 * qde.h: REFI-QDA projects (.qdpx, .qde) and codebooks (.qdc), the
 * exchange format of MAXQDA, NVivo, ATLAS.ti, QualCoder and others;
 * to-qdpx(1) writes them, from-qdpx(1) reads them.
 *
 * The model is what qualpipe needs of a project: a code tree, users,
 * text sources with their text, and the coded selections of each source
 * (positions in Unicode code points of the source's text, the
 * standard's convention).  Pictures, audio, PDFs, notes, links, sets and
 * graphs are not part of it: the reader skips them.  The writer makes
 * the Sets from the tree (one per top-level code with sub-codes).
 *
 * Writing (qde_write.c): qde_write_project and qde_write_codebook make
 * the XML with libxml2's xmlTextWriter; qde_write_qdpx puts project.qde
 * and one sources/<guid>.txt per source in a zip (libarchive) with fixed
 * dates, so that the same model gives the same bytes.
 *
 * Reading (qde_read.c for the XML, qdpx_open.c for the container):
 * qdpx_load takes the bytes of a .qdpx (zip), a .qde or a .qdc and fills
 * a qde_project, resolving every text source's text.  It never dies:
 * on bad input it returns false with "what is wrong" in err, having
 * freed what it made.  A DOCTYPE is refused before libxml2 reads its
 * declarations, so no entity is ever defined, let alone expanded (XML
 * bombs), and nothing is fetched from the network.
 *
 * Memory: a qde_project owns every string and array in it; qde_free
 * releases them and leaves an empty project.
 */
#ifndef QP_QDE_H
#define QP_QDE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "uuid.h"

#define QDE_NONE ((size_t)-1)

typedef struct {
	char *path;          /* code path: the names up the tree, joined by '/' */
	char *name;          /* the code's own name, as the file gives it */
	char *desc;          /* "" if none */
	size_t parent;       /* index of the parent code, or QDE_NONE */
	char guid[QP_UUID_LEN + 3];   /* may be written {braced} */
} qde_code;

typedef struct {
	size_t code;         /* index into codes */
	size_t user;         /* index into users, or QDE_NONE */
} qde_coding;

typedef struct {
	size_t start, end;   /* code points of the source's text */
	size_t user;         /* the selection's creatingUser, or QDE_NONE */
	qde_coding *codings;
	size_t ncodings;
	char guid[QP_UUID_LEN + 3];
} qde_sel;

typedef struct {
	char *name;
	char *text;          /* UTF-8, no BOM */
	size_t len;          /* bytes */
	size_t ncp;          /* code points */
	qde_sel *sels;
	size_t nsels;
	char guid[QP_UUID_LEN + 3];
} qde_source;

typedef struct {
	char *name;
	char guid[QP_UUID_LEN + 3];
} qde_user;

/* A case: a participant, its variables' values (one per variable, ""
 * when it has none) and the selections that are theirs. */
typedef struct {
	char *name;
	char **vals;
	size_t *sels, nsels; /* writing only: (source << 32 | selection) */
	char guid[QP_UUID_LEN + 3];
} qde_case;

typedef struct {
	char *origin;        /* the writing program, "" if not said */
	char *name;
	char *base_path;     /* reading: the Project's basePath, "" if none */
	bool codebook_only;  /* read from a .qdc */
	qde_code *codes;
	size_t ncodes;
	qde_user *users;
	size_t nusers;
	qde_source *src;
	size_t nsrc;
	char **vars;         /* writing only: the variables' names */
	size_t nvars;
	qde_case *cases;
	size_t ncases;
	char *date;          /* writing only: creationDateTime of everything */
} qde_project;

void qde_free(qde_project *p);

/* --- writing --------------------------------------------------------- */

/* Append project.qde (or a .qdc codebook) of p to out. */
void qde_write_project(const qde_project *p, qp_buf *out);
void qde_write_codebook(const qde_project *p, qp_buf *out);
/* Append the .qdpx (zip: project.qde, sources/<guid>.txt) to out. */
void qde_write_qdpx(const qde_project *p, qp_buf *out);

/* --- reading ------------------------------------------------------------ */

/*
 * Parse data[0..n), the bytes of file (a path, for messages and for
 * finding the sources of a bare .qde beside it; NULL: a .qde's sources
 * must be inside it).  crlf: how a source's CR LF counts in positions:
 * 0 by the writer (origin) as from-qdpx(1) says, 1 as one, 2 as two.
 * texts false: the code tree only; the sources' texts are not looked for
 * (their text is then NULL) and their selections not checked.
 */
bool qdpx_load(const char *file, const char *data, size_t n, int crlf,
               bool texts, qde_project *p, qp_buf *err);
/* The XML of a project or codebook, into p; sources' texts are left for
 * the caller (qde_source.text NULL, their paths in *paths, one for each
 * source, "" when the text came inline).  Caller frees paths. */
bool qde_parse(const char *xml, size_t n, qde_project *p, char ***paths,
               qp_buf *err);

/* Byte offset of code point cp in s[0..n) (valid UTF-8); n if past it.
 * qde_cp_skip: the offset cp code points after the one at byte off. */
size_t qde_cp_offset(const char *s, size_t n, size_t cp);
size_t qde_cp_skip(const char *s, size_t n, size_t off, size_t cp);
size_t qde_cp_count(const char *s, size_t n);

/*
 * The text of a document as to-qdpx lays it out, one turn a line: a
 * segment whose speaker differs from the one before begins a line with
 * "SPEAKER: " (nothing when the speaker is empty); a segment by the
 * same speaker continues the line after a blank.  qde_layout_add appends
 * one segment to text and gives the code points of its own words.
 */
typedef struct {
	qp_buf text;
	size_t ncp;
	char *speaker;       /* the last segment's speaker */
	bool any;
} qde_layout;
void qde_layout_init(qde_layout *l);
void qde_layout_add(qde_layout *l, const char *speaker, size_t sn,
                    const char *text, size_t tn, size_t *start, size_t *end);
/* The end of the text: a final newline, outside every segment. */
void qde_layout_end(qde_layout *l);
void qde_layout_free(qde_layout *l);

#endif
