/*
 * archive_in.h: containers read as the files they hold, through
 * libarchive (segment(1), ARCHIVES and DOCX).  qp_archive_unpacker is
 * a qp_unpacker (input.h):
 *
 *   - a .docx (a ZIP holding word/document.xml) is one file: the text of
 *     its body (docx.h);
 *   - a ZIP, a tar or a tar through gzip, bzip2, xz or zstd (told by
 *     their bytes, never by the name; bzip2, xz or zstd data that is not
 *     a tar is given back, to be refused) is its members, in byte order of their names (strcmp; the
 *     same name twice: in archive order), each read as a file; a member
 *     that is a .docx is read as one.  Directories, links and other
 *     entries that are not regular files, anything under __MACOSX/ and
 *     any path with a part starting with "." (dotfiles, ._ AppleDouble
 *     files, .git/) are skipped.
 *
 * Name order costs a first pass that lists the names (memory: the
 * names), then each member is read by moving a reader forward to it; a
 * member before the reader's place reopens the archive from its start
 * (a ZIP then skips by seeking, a tar by seeking over member data).
 * Archives stored in name order (most are) are read once more.  A
 * compressed tar is first inflated once into an unlinked temporary file
 * (disk: its uncompressed size), so that it costs a tar and one
 * inflation (the listing pass would inflate it all, and the reading
 * pass again: twice the time of tar -x for bzip2, xz and zstd).  Input that is not a regular file (a pipe)
 * is first copied to an unlinked temporary file; both in $TMPDIR (or
 * /tmp).  Measured (bench, 200 members of 41 KB, 8.2 MB): files 0.08 s;
 * zip 0.07 s in order, 0.38 s reversed; tar 0.12 s, 0.26 s; tar.gz
 * 0.08 s, 0.32 s (2.7 s reversed before the inflate-once copy).
 *
 * Bounds: a member gives at most QP_MEMBER_MAX bytes; a .docx at most
 * QP_DOCX_MAX bytes of word/document.xml, and a .docx inside an archive
 * is at most QP_DOCX_MAX bytes.  More is an error (a zip bomb?), as is a
 * damaged archive, a .docx without word/document.xml, other Office
 * files, a member name that is not UTF-8, and a ZIP or tar inside an
 * archive; errors name the file and member ("FILE:MEMBER: ...").
 */
#ifndef QP_ARCHIVE_IN_H
#define QP_ARCHIVE_IN_H

#include "input.h"

#define QP_MEMBER_MAX (4ULL << 30)
#define QP_DOCX_MAX (256UL << 20)

extern const qp_unpacker qp_archive_unpacker;

#endif
