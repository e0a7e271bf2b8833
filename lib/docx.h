/*
 * docx.h: the text of a .docx, as segment reads it (segment(1), DOCX).
 *
 * docx_text parses word/document.xml (WordprocessingML) with libxml2's
 * streaming xmlReader and appends the body's text to out as lines: each
 * paragraph (w:p, in a table cell too) gives its text, runs joined, a
 * w:br or w:cr starting a new line and a w:tab written as a TAB, then one
 * blank line.  Empty paragraphs give nothing.  Not text: tracked
 * deletions (w:del, w:moveFrom), field codes (w:instrText), text boxes
 * (w:txbxContent) and the mc:Fallback copies of drawings; the headers,
 * footers, footnotes and comments are other parts, never read.
 *
 * The XML is read with the network off, no DTD loaded, no entity
 * substituted and libxml2's size limits kept; a document with a DOCTYPE
 * is refused (Word never writes one).  At most max bytes of XML are
 * read.  Errors die: `prog: name: word/document.xml:LINE: what`.
 *
 * read(ctx, p, n) gives the part's next bytes (0 at its end, -1 on an
 * error, which docx_text reports with err(ctx)).  Memory: out is the
 * caller's; nothing else outlives the call.
 */
#ifndef QP_DOCX_H
#define QP_DOCX_H

#include <stddef.h>
#include <sys/types.h>

#include "buf.h"

#define DOCX_PART "word/document.xml"

typedef ssize_t docx_read_fn(void *ctx, char *p, size_t n);
typedef const char *docx_err_fn(void *ctx);

void docx_text(const char *name, docx_read_fn *read, docx_err_fn *err, void *ctx,
               size_t max, qp_buf *out);

#endif
