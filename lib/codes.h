/*
 * codes.h: the old name of codepath.h (code paths) and list.h (the ';'
 * list walker), kept while filters still include it.  New code includes
 * those two directly.
 */
#ifndef QP_CODES_H
#define QP_CODES_H

#include "codepath.h"
#include "list.h"

#endif
