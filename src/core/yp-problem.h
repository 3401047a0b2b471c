/* yp-problem.h: one thing wrong with a file, and where
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  YP_SEVERITY_WARNING,  /* loaded, with a caveat */
  YP_SEVERITY_ERROR,    /* the item named by the path was skipped */
} YpSeverity;

typedef struct {
  YpSeverity severity;
  char *file;     /* the file the problem is in */
  char *path;     /* a JSON path such as "events[12].citations[0].quote", or "" */
  char *message;  /* what is wrong, in English, one line */
} YpProblem;

#define YP_TYPE_PROBLEM (yp_problem_get_type ())

GType      yp_problem_get_type    (void) G_GNUC_CONST;
YpProblem *yp_problem_new         (YpSeverity       severity,
                                   const char      *file,
                                   const char      *path,
                                   const char      *message);
YpProblem *yp_problem_copy        (const YpProblem *problem);
void       yp_problem_free        (YpProblem       *problem);
/* "FILE: PATH: error: MESSAGE" (the form compilers use, so editors can jump) */
char      *yp_problem_to_string   (const YpProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpProblem, yp_problem_free)

G_END_DECLS
