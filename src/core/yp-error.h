/* yp-error.h: Yeonpyo's own error domain
 *
 * One domain for the whole project, so that a caller (and a test) can tell
 * one failure from another by its code instead of by its message. The
 * message still says, in words, what is wrong and where.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define YP_ERROR (yp_error_quark ())

typedef enum {
  YP_ERROR_FAILED,          /* none of the codes below fits */
  YP_ERROR_NOT_FOUND,       /* a file, seed or article is not there */
  YP_ERROR_NOT_READABLE,    /* it is there but cannot be read (a folder, a FIFO, no permission) */
  YP_ERROR_TOO_LARGE,       /* over a documented size limit */
  YP_ERROR_CHANGED,         /* the file changed while it was being read */
  YP_ERROR_SYNTAX,          /* not RFC 8259 JSON: line and column in the message */
  YP_ERROR_NOT_A_TIMELINE,  /* JSON, but neither a Yeonpyo timeline nor a TimelineJS document */
  YP_ERROR_UNSUPPORTED,     /* a newer format version, or a shape we know but do not read */
  YP_ERROR_INVALID,         /* the file is a timeline, but its content breaks a rule */
  YP_ERROR_OUTSIDE_FOLDER,  /* an article path leaves the timeline's folder */
  YP_ERROR_CACHE_DAMAGED,   /* a cache file, or a value read back from it, failed its checks */
  YP_ERROR_CACHE_STALE,     /* a cache that no longer matches its inputs */
  YP_ERROR_NOT_WRITABLE,    /* a cache or export folder cannot be written */
  YP_ERROR_EXPORT,          /* an export or print could not be made */
} YpError;

GQuark yp_error_quark (void);

G_END_DECLS
