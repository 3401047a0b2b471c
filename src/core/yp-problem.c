/* yp-problem.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-problem"

#include "config.h"

#include "yp-problem.h"

G_DEFINE_BOXED_TYPE (YpProblem, yp_problem, yp_problem_copy, yp_problem_free)

YpProblem *
yp_problem_new (YpSeverity  severity,
                const char *file,
                const char *path,
                const char *message)
{
  YpProblem *self = g_new0 (YpProblem, 1);

  self->severity = severity;
  self->file = g_strdup (file ? file : "");
  self->path = g_strdup (path ? path : "");
  self->message = g_strdup (message ? message : "");
  return self;
}

YpProblem *
yp_problem_copy (const YpProblem *problem)
{
  return yp_problem_new (problem->severity, problem->file, problem->path, problem->message);
}

void
yp_problem_free (YpProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->file);
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

char *
yp_problem_to_string (const YpProblem *problem)
{
  const char *kind = problem->severity == YP_SEVERITY_ERROR ? "error" : "warning";

  if (problem->path[0] != '\0')
    return g_strdup_printf ("%s: %s: %s: %s", problem->file, problem->path, kind, problem->message);
  return g_strdup_printf ("%s: %s: %s", problem->file, kind, problem->message);
}
