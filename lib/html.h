/*
 * html.h: a tiny HTML writer over a qp_out (output.h), for report(1).
 *
 * html_text escapes text for element content and attribute values alike
 * (& < > " ' become character references; nothing else changes, so the
 * UTF-8 the records hold passes through).  html_printf writes markup as
 * given: its arguments are numbers or trusted literals, never text from
 * the input, which goes through html_text.  Nothing here keeps a
 * pointer.
 */
#ifndef QP_HTML_H
#define QP_HTML_H

#include <stddef.h>

#include "output.h"

void html_text(qp_out *o, const char *p, size_t n);
void html_str(qp_out *o, const char *s);
void html_printf(qp_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* <tag>text</tag>, the text escaped. */
void html_elem(qp_out *o, const char *tag, const char *text);

#endif
