/*
 * fuzz.h: what the libFuzzer harnesses share (tests/fuzz/track.c).
 *
 * Bad input ends in qp_exit; the harness's qp_exit_hook longjmps back
 * into FUZZ_RUN, which then releases what the code held when it died:
 * every block from the x* allocators still live, every registered
 * foreign object (QP_FUZZ_OWN), every file descriptor opened since the
 * run began.  A run that ends normally releases nothing, so memory the
 * code forgot to free is left for LeakSanitizer to report.
 */
#ifndef QP_FUZZ_H
#define QP_FUZZ_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern jmp_buf fuzz_jb;
void fuzz_begin(void);
void fuzz_end(int died);

/* Write data to a file named name in this process's scratch folder under
 * /tmp (the name matters to readers that look at extensions); the path
 * stays valid until the next call with the same name. */
char *fuzz_file(const char *name, const void *data, size_t n);

/* Cut data at form feeds into at most max parts (the last one keeps any
 * further form feeds) and write part i to a file named names[i]; parts
 * missing up to min are empty files.  Their paths, malloc'd, go to
 * paths; returns how many (at least min). */
int fuzz_parts(const uint8_t *data, size_t size, const char *const *names,
               int min, int max, char **paths);
void fuzz_free_paths(char **paths, int n);

/* Take the next line of text[0..*n) (without its newline) into *line
 * and *len, as far as it is valid UTF-8; false at the end. */
bool fuzz_line(const uint8_t **text, size_t *n, const char **line, size_t *len);

/* Run stmt as a filter would run, getting control back if it dies.
 * stmt must not depend on automatic variables it changes itself. */
#define FUZZ_RUN(stmt) do { \
		fuzz_begin(); \
		if (setjmp(fuzz_jb) == 0) { \
			stmt; \
			fuzz_end(0); \
		} else { \
			fuzz_end(1); \
		} \
	} while (0)

/*
 * A harness that #includes a filter's .c puts it between these two lines
 * (FUZZ_FILTER_BEGIN is a pragma and a #define of main, see fuzz_tally.c),
 * so that all the filter's file-scope and function-scope statics land in
 * sections of their own; fuzz_filter_reset puts them back to their
 * values at program start before each run.
 */
#define FUZZ_FILTER_SECTIONS \
	_Pragma("clang section bss=\"qp_filter_bss\" data=\"qp_filter_data\"")
#define FUZZ_FILTER_END _Pragma("clang section bss=\"\" data=\"\"")
void fuzz_filter_reset(void);

#endif
