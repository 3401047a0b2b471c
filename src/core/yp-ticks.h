/* yp-ticks.h: axis ticks on calendar boundaries that follow the zoom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "yp-date.h"
#include "yp-time-scale.h"

G_BEGIN_DECLS

typedef enum {
  YP_TICK_UNIT_MILLISECOND,
  YP_TICK_UNIT_SECOND,
  YP_TICK_UNIT_MINUTE,
  YP_TICK_UNIT_HOUR,
  YP_TICK_UNIT_DAY,
  YP_TICK_UNIT_WEEK,   /* Mondays at midnight */
  YP_TICK_UNIT_MONTH,
  YP_TICK_UNIT_YEAR,
} YpTickUnit;

/* How the UI should label a tick: it picks a translated format for each. */
typedef enum {
  YP_TICK_LABEL_YEAR,
  YP_TICK_LABEL_MONTH,
  YP_TICK_LABEL_DAY,
  YP_TICK_LABEL_HOUR,
  YP_TICK_LABEL_MINUTE,
  YP_TICK_LABEL_SECOND,
  YP_TICK_LABEL_MILLISECOND,
} YpTickLabelKind;

/* One rung of the ladder: every @step @unit, aligned in the display zone
 * (years divisible by step, counted as years are named: 200 BC, 100 BC,
 * 100 AD, with no year 0, so 100 BC and 100 AD are one step apart at a
 * step of 100; months 1, 1+step, ...; even days counted from 1970-01-01;
 * hours, minutes and seconds counted from local midnight; milliseconds
 * from the whole second, which no zone's offset splits). Years go up to
 * steps of ten billion, for spans as long as the age of the universe. */
typedef struct {
  YpTickUnit unit;
  guint64    step;
} YpTickStep;

typedef struct {
  gint64     time;    /* Unix seconds (the whole second of a finer tick) */
  int        millisecond; /* past @time: 0 to 999, for millisecond units */
  double     x;       /* yp_time_scale_time_to_x() of the instant */
  YpTickUnit unit;    /* the unit of the major or of the minor step */
  gboolean   major;   /* labelled */
} YpTick;

/* Picks the finest major step whose ticks are at least @min_spacing_px
 * apart, and for minor ticks the finest step that divides it evenly and
 * is at least @min_spacing_px / 5 apart. Returns FALSE when there is no
 * minor step (then @minor is left untouched). */
gboolean        yp_ticks_choose_steps       (const YpTimeScale *scale,
                                             double             min_spacing_px,
                                             YpTickStep        *major,
                                             YpTickStep        *minor);

/* Clears @ticks (a GArray of YpTick) and fills it, sorted by time, with
 * the ticks whose x lies in [-margin_px, width_px + margin_px], local to
 * @tz, over the years of YpDate (YP_DATE_YEAR_MIN to YP_DATE_YEAR_MAX). A minor tick at the time of a major one is left out. Consecutive
 * majors are never closer than @min_spacing_px, so there are at most
 * (width_px + 2 * margin_px) / min_spacing_px + 1 of them. @major
 * (nullable) receives the major step. Returns the number of majors. */
guint           yp_ticks_compute            (const YpTimeScale *scale,
                                             GTimeZone         *tz,
                                             double             min_spacing_px,
                                             double             margin_px,
                                             YpTickStep        *major,
                                             GArray            *ticks);

YpTickLabelKind yp_tick_unit_get_label_kind (YpTickUnit         unit);

/* g_date_time_format() of @time in @tz with @format (translated by the
 * caller); NULL outside the years 1 to 9999: yp_date_from_unix() gives the
 * fields of any time. */
char           *yp_ticks_format_time        (gint64             time,
                                             GTimeZone         *tz,
                                             const char        *format);

G_END_DECLS
