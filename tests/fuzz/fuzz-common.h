/* fuzz-common.h: what the fuzz harnesses share: warnings as crashes, and
 * the checks every record read from any input must pass
 *
 * Header-only (static inline), so that each harness is still one .c file
 * for libFuzzer and test-hostile can compile fuzz-loader.c into itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdlib.h>
#include <string.h>

#include "yp-citation.h"
#include "yp-event-sink.h"
#include "yp-event.h"
#include "yp-problem.h"
#include "yp-record.h"

/* NULL or valid UTF-8. */
#define yp_fuzz_assert_text(s) g_assert ((s) == NULL || g_utf8_validate ((s), -1, NULL))

/* A critical or a warning is a bug found, as under G_DEBUG=fatal-criticals.
 * abort(), not GLib's fatal path: that raises SIGTRAP, which libFuzzer
 * does not catch, so it would save no reproducer. */
static inline void
yp_fuzz_log_cb (const char     *domain,
                GLogLevelFlags  level,
                const char     *message,
                gpointer        data)
{
  g_log_default_handler (domain, level, message, data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
}

static inline void
yp_fuzz_abort_on_warnings (void)
{
  g_log_set_default_handler (yp_fuzz_log_cb, NULL);
}

/* @c's quote is exactly @body (its source's) between its offsets. */
static inline void
yp_fuzz_assert_quotes_body (YpCitation *c,
                            const char *body)
{
  const char *quote = yp_citation_get_quote (c);
  const char *from, *to;

  yp_fuzz_assert_text (quote);
  g_assert (yp_citation_get_body_start (c) <= yp_citation_get_body_end (c));
  g_assert (yp_citation_get_body_end (c) <= (guint64) g_utf8_strlen (body, -1));
  from = g_utf8_offset_to_pointer (body, yp_citation_get_body_start (c));
  to = g_utf8_offset_to_pointer (body, yp_citation_get_body_end (c));
  g_assert ((gsize) (to - from) == strlen (quote));
  g_assert (memcmp (from, quote, to - from) == 0);
}

/* What a streamed read handed its sink: the events since the last restart
 * (ids and anchors) and, when @sources is not NULL, the sources. */
typedef struct {
  GPtrArray *ids;
  GArray    *anchors;
  GPtrArray *sources;
  guint      restarts;
} YpFuzzSunk;

static inline gboolean
yp_fuzz_sunk_begin (guint    n_events,
                    guint64  file_bytes,
                    guint64  kept_bytes,
                    gpointer user_data)
{
  return TRUE;
}

static inline gboolean
yp_fuzz_sunk_event (const YpEventInfo *info,
                    gpointer           user_data,
                    GError           **error)
{
  YpFuzzSunk *sunk = user_data;

  yp_fuzz_assert_text (info->id);
  g_ptr_array_add (sunk->ids, g_strdup (info->id));
  g_array_append_val (sunk->anchors, info->anchor);
  return TRUE;
}

static inline gboolean
yp_fuzz_sunk_restart (gpointer  user_data,
                      GError  **error)
{
  YpFuzzSunk *sunk = user_data;

  sunk->restarts++;
  g_ptr_array_set_size (sunk->ids, 0);
  g_array_set_size (sunk->anchors, 0);
  return TRUE;
}

/* A streamed read of the bytes that gave @record (or @error) agrees with
 * it: both fail with one message, or the streamed record kept no events,
 * its sink got the record's ids and anchors in order, and both have the
 * same problems. FALSE when both failed: nothing more to compare. */
static inline gboolean
yp_fuzz_assert_streamed_agrees (YpRecord         *record,
                                const GError     *error,
                                YpRecord         *streamed,
                                const GError     *streamed_error,
                                const YpFuzzSunk *sunk)
{
  GListModel *events;
  GPtrArray *pa, *pb;

  g_assert ((streamed == NULL) == (record == NULL));
  if (record == NULL)
    {
      g_assert_cmpstr (streamed_error->message, ==, error->message);
      return FALSE;
    }
  g_assert (streamed_error == NULL);
  events = yp_record_get_events (record);
  g_assert (g_list_model_get_n_items (yp_record_get_events (streamed)) == 0);
  g_assert (sunk->ids->len == g_list_model_get_n_items (events));
  for (guint i = 0; i < sunk->ids->len; i++)
    {
      g_autoptr(YpEvent) e = g_list_model_get_item (events, i);

      g_assert_cmpstr (g_ptr_array_index (sunk->ids, i), ==, yp_event_get_id (e));
      g_assert (g_array_index (sunk->anchors, gint64, i) == yp_event_get_anchor (e));
    }
  pa = yp_record_get_problems (record);
  pb = yp_record_get_problems (streamed);
  g_assert (pa->len == pb->len);
  for (guint i = 0; i < pa->len; i++)
    {
      g_autofree char *x = yp_problem_to_string (g_ptr_array_index (pa, i));
      g_autofree char *y = yp_problem_to_string (g_ptr_array_index (pb, i));

      g_assert_cmpstr (x, ==, y);
    }
  return TRUE;
}
