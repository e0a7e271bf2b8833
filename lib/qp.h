/*
 * qp.h: what every qualpipe filter shares at its edges, in one include:
 *   err.h     the program name, diagnostics, qp_die and qp_exit
 *   xalloc.h  allocation that dies on failure (and the fuzz build's hooks)
 *   cli.h     the common options, the --help layout, usage errors
 * The record stream, input and output have headers of their own
 * (record.h, input.h, output.h); qualpipe(7) is the user's side of all
 * this.
 */
#ifndef QP_QP_H
#define QP_QP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdnoreturn.h>
#include <getopt.h>

#include "cli.h"
#include "err.h"
#include "xalloc.h"

#endif
