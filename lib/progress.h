/*
 * progress.h: the progress display of every filter on a long run.
 *
 * When standard error is a terminal and standard output is not (so the
 * display never mixes with the result), and neither --quiet (cli.h) nor
 * a non-empty QP_QUIET in the environment turned it off, a filter whose
 * input takes longer than a second (QP_PROGRESS_AFTER seconds, if set)
 * shows on standard error, updated twice a second, one line:
 *
 *   tally: 1234567 records, 123.4 of 456.7 MB, 45.6 MB/s, ETA 0:07
 *
 * records being the input lines read, MB the bytes read from the input
 * files (compressed bytes of gzip input), and the total and the ETA
 * there when every input is a regular file, whose sizes are known.  The
 * line is erased when an input is freed (and comes back while another
 * is read), before any diagnostic
 * (err.h), and when the program exits.  Nothing is written otherwise:
 * not on a pipe, not in a short run, never on standard output.
 *
 * lib/input.c feeds it (qp_progress_start for its files, then the bytes
 * of each read(2) and a count of lines); the cost is a counter, and a
 * clock read per read(2).  One display per process; no memory is held.
 */
#ifndef QP_PROGRESS_H
#define QP_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

extern uint64_t qp_progress_lines;      /* lines read; input.c counts them */

/* An input begins: files[0..nfiles) ("-" or none: standard input) are to
 * be read; a later input of the same process adds to the total. */
void qp_progress_start(int nfiles, char *const *files);
/* n more bytes were read. */
void qp_progress_bytes(size_t n);
/* Erase the line, if one is shown (a no-op otherwise). */
void qp_progress_end(void);

#endif
