/* yp-cache-db.h: the cache file's schema and lifecycle, for the cache's
 * own units only (yp-cache.c writes, yp-cache-read.c and yp-cache-rows.c
 * read, the lazy yp-event-list.c and yp-search.c query); private to
 * src/core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every table is declared once, below, as a list of columns. The list
 * gives the column enum (YP_COL_<TABLE>_<COLUMN>), the CREATE statement
 * and the column lists of the INSERT and SELECT statements that
 * yp_cache_db_insert_sql() and yp_cache_db_select_sql() make from it: a
 * statement's n-th placeholder or result column is the n-th column of
 * its table, so an enum value is always the right index, and no SQL
 * elsewhere repeats a column list.
 *
 * Every table ends in row_check, the full-text indexes too (an UNINDEXED
 * column there, which the search checks): a 64-bit hash of the row's
 * other values, computed by SQLite from the very values the
 * writer binds (the function yp_row_check(), yp_cache_db_insert_sql()),
 * and again by the reader from the values it reads. A value changed on
 * disk, even to one its column allows (another title, a NULL where one
 * may be), no longer matches its row's check.
 *
 * An event's row counts its rows in event_actors and citations: a row
 * whose event column changed is missed by its event even though no row
 * that is read fails its check.
 *
 * Positions: an event's position in the record's date-sorted list is
 * its seq in events, the event column of event_actors and citations, its
 * index in the event_columns arrays, and its rowid in events_fts (the
 * writer inserts the rowid explicitly). yp_cache_db_check_positions()
 * checks that invariant where a reader relies on it.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Bump when the tables or what the loader puts in them change: every
 * existing cache is then rebuilt on its next use. */
#define YP_CACHE_SCHEMA_VERSION 6

#define YP_CACHE_MAGIC "yeonpyo-cache"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* What a column may hold, as the reader checks it. */
typedef enum {
  YP_CACHE_INT,        /* an integer, never NULL */
  YP_CACHE_INT_NULL,   /* an integer or NULL */
  YP_CACHE_TEXT,       /* valid UTF-8 without NUL, never NULL */
  YP_CACHE_TEXT_NULL,  /* valid UTF-8 without NUL, or NULL */
  YP_CACHE_BLOB,       /* bytes, never NULL */
  YP_CACHE_BLOB_NULL,  /* bytes or NULL */
  YP_CACHE_PATH,       /* a file name: text without NUL, in the file
                        * system's encoding, never NULL */
} YpCacheKind;

/* X (TABLE, COLUMN, "name", "declaration", kind) for each column, in
 * the table's order. */
#define YP_CACHE_META_COLUMNS(X) \
  X (META, KEY,   "key",   "TEXT PRIMARY KEY", YP_CACHE_TEXT) \
  X (META, VALUE, "value", "TEXT NOT NULL",    YP_CACHE_TEXT) \
  X (META, ROW_CHECK, "row_check", "INTEGER NOT NULL", YP_CACHE_INT)

#define YP_CACHE_INPUTS_COLUMNS(X) \
  X (INPUTS, SEQ,      "seq",      "INTEGER PRIMARY KEY", YP_CACHE_INT) \
  X (INPUTS, PATH,     "path",     "TEXT NOT NULL",       YP_CACHE_PATH) \
  X (INPUTS, SIZE,     "size",     "INTEGER",             YP_CACHE_INT_NULL) \
  X (INPUTS, MTIME_NS, "mtime_ns", "INTEGER",             YP_CACHE_INT_NULL) \
  X (INPUTS, CTIME_NS, "ctime_ns", "INTEGER",             YP_CACHE_INT_NULL) \
  X (INPUTS, INODE,    "inode",    "INTEGER",             YP_CACHE_INT_NULL) \
  X (INPUTS, DEVICE,   "device",   "INTEGER",             YP_CACHE_INT_NULL) \
  X (INPUTS, ROW_CHECK, "row_check", "INTEGER NOT NULL", YP_CACHE_INT)

#define YP_CACHE_PROBLEMS_COLUMNS(X) \
  X (PROBLEMS, SEQ,      "seq",      "INTEGER PRIMARY KEY", YP_CACHE_INT) \
  X (PROBLEMS, SEVERITY, "severity", "INTEGER NOT NULL",    YP_CACHE_INT) \
  X (PROBLEMS, FILE,     "file",     "TEXT NOT NULL",       YP_CACHE_TEXT) \
  X (PROBLEMS, PATH,     "path",     "TEXT NOT NULL",       YP_CACHE_TEXT) \
  X (PROBLEMS, MESSAGE,  "message",  "TEXT NOT NULL",       YP_CACHE_TEXT) \
  X (PROBLEMS, ROW_CHECK, "row_check", "INTEGER NOT NULL", YP_CACHE_INT)

#define YP_CACHE_SOURCES_COLUMNS(X) \
  X (SOURCES, SEQ,                 "seq",                 "INTEGER PRIMARY KEY", YP_CACHE_INT) \
  X (SOURCES, ID,                  "id",                  "TEXT NOT NULL UNIQUE", YP_CACHE_TEXT) \
  X (SOURCES, FILE,                "file",                "TEXT",    YP_CACHE_TEXT_NULL) \
  X (SOURCES, OUTLET_KO,           "outlet_ko",           "TEXT",    YP_CACHE_TEXT_NULL) \
  X (SOURCES, OUTLET_EN,           "outlet_en",           "TEXT",    YP_CACHE_TEXT_NULL) \
  X (SOURCES, OUTLET_NOTE_KO,      "outlet_note_ko",      "TEXT",    YP_CACHE_TEXT_NULL) \
  X (SOURCES, OUTLET_NOTE_EN,      "outlet_note_en",      "TEXT",    YP_CACHE_TEXT_NULL) \
  X (SOURCES, TITLE,               "title",               "TEXT",    YP_CACHE_TEXT_NULL) \
  X (SOURCES, AUTHOR,              "author",              "TEXT",    YP_CACHE_TEXT_NULL) \
  X (SOURCES, PUBLISHED,           "published",           "TEXT",    YP_CACHE_TEXT_NULL) \
  X (SOURCES, PUBLISHED_PRECISION, "published_precision", "INTEGER", YP_CACHE_INT) \
  X (SOURCES, TIMEZONE,            "timezone",            "TEXT",    YP_CACHE_TEXT_NULL) \
  X (SOURCES, PUBLISHED_START,     "published_start",     "INTEGER", YP_CACHE_INT) \
  X (SOURCES, PUBLISHED_NOTE_KO,   "published_note_ko",   "TEXT",    YP_CACHE_TEXT_NULL) \
  X (SOURCES, PUBLISHED_NOTE_EN,   "published_note_en",   "TEXT",    YP_CACHE_TEXT_NULL) \
  X (SOURCES, LANGUAGE,            "language",            "TEXT",    YP_CACHE_TEXT_NULL) \
  X (SOURCES, RAW_TEXT,            "raw_text",            "TEXT NOT NULL", YP_CACHE_TEXT) \
  X (SOURCES, BODY_TEXT,           "body_text",           "TEXT NOT NULL", YP_CACHE_TEXT) \
  X (SOURCES, SEGMENTS,            "segments",            "BLOB",    YP_CACHE_BLOB_NULL) \
  X (SOURCES, ROW_CHECK, "row_check", "INTEGER NOT NULL", YP_CACHE_INT)

#define YP_CACHE_ACTORS_COLUMNS(X) \
  X (ACTORS, SEQ,     "seq",     "INTEGER PRIMARY KEY",  YP_CACHE_INT) \
  X (ACTORS, ID,      "id",      "TEXT NOT NULL UNIQUE", YP_CACHE_TEXT) \
  X (ACTORS, KIND,    "kind",    "TEXT", YP_CACHE_TEXT_NULL) \
  X (ACTORS, NAME_KO, "name_ko", "TEXT", YP_CACHE_TEXT_NULL) \
  X (ACTORS, NAME_EN, "name_en", "TEXT", YP_CACHE_TEXT_NULL) \
  X (ACTORS, ROLE_KO, "role_ko", "TEXT", YP_CACHE_TEXT_NULL) \
  X (ACTORS, ROLE_EN, "role_en", "TEXT", YP_CACHE_TEXT_NULL) \
  X (ACTORS, ROW_CHECK, "row_check", "INTEGER NOT NULL", YP_CACHE_INT)

#define YP_CACHE_ERAS_COLUMNS(X) \
  X (ERAS, SEQ,            "seq",            "INTEGER PRIMARY KEY",  YP_CACHE_INT) \
  X (ERAS, ID,             "id",             "TEXT NOT NULL UNIQUE", YP_CACHE_TEXT) \
  X (ERAS, NAME_KO,        "name_ko",        "TEXT",    YP_CACHE_TEXT_NULL) \
  X (ERAS, NAME_EN,        "name_en",        "TEXT",    YP_CACHE_TEXT_NULL) \
  X (ERAS, DESCRIPTION_KO, "description_ko", "TEXT",    YP_CACHE_TEXT_NULL) \
  X (ERAS, DESCRIPTION_EN, "description_en", "TEXT",    YP_CACHE_TEXT_NULL) \
  X (ERAS, START_TEXT,     "start_text",     "TEXT",    YP_CACHE_TEXT_NULL) \
  X (ERAS, END_TEXT,       "end_text",       "TEXT",    YP_CACHE_TEXT_NULL) \
  X (ERAS, START,          "start",          "INTEGER", YP_CACHE_INT) \
  X (ERAS, END,            "end",            "INTEGER", YP_CACHE_INT) \
  X (ERAS, ROW_CHECK, "row_check", "INTEGER NOT NULL", YP_CACHE_INT)

#define YP_CACHE_EVENTS_COLUMNS(X) \
  X (EVENTS, SEQ,            "seq",            "INTEGER PRIMARY KEY",  YP_CACHE_INT) \
  X (EVENTS, ID,             "id",             "TEXT NOT NULL UNIQUE", YP_CACHE_TEXT) \
  X (EVENTS, DATE,           "date",           "TEXT",    YP_CACHE_TEXT) \
  X (EVENTS, PRECISION,      "precision",      "INTEGER", YP_CACHE_INT) \
  X (EVENTS, TIMEZONE,       "timezone",       "TEXT",    YP_CACHE_TEXT_NULL) \
  X (EVENTS, EARLIEST,       "earliest",       "TEXT",    YP_CACHE_TEXT_NULL) \
  X (EVENTS, LATEST,         "latest",         "TEXT",    YP_CACHE_TEXT_NULL) \
  X (EVENTS, START,          "start",          "INTEGER", YP_CACHE_INT) \
  X (EVENTS, END,            "end",            "INTEGER", YP_CACHE_INT) \
  X (EVENTS, ANCHOR,         "anchor",         "INTEGER", YP_CACHE_INT) \
  X (EVENTS, DATE_NOTE_KO,   "date_note_ko",   "TEXT",    YP_CACHE_TEXT_NULL) \
  X (EVENTS, DATE_NOTE_EN,   "date_note_en",   "TEXT",    YP_CACHE_TEXT_NULL) \
  X (EVENTS, TITLE_KO,       "title_ko",       "TEXT",    YP_CACHE_TEXT_NULL) \
  X (EVENTS, TITLE_EN,       "title_en",       "TEXT",    YP_CACHE_TEXT_NULL) \
  X (EVENTS, SUMMARY_KO,     "summary_ko",     "TEXT",    YP_CACHE_TEXT_NULL) \
  X (EVENTS, SUMMARY_EN,     "summary_en",     "TEXT",    YP_CACHE_TEXT_NULL) \
  X (EVENTS, CATEGORY,       "category",       "TEXT",    YP_CACHE_TEXT_NULL) \
  X (EVENTS, ERA,            "era",            "TEXT",    YP_CACHE_TEXT_NULL) \
  X (EVENTS, STATUS,         "status",         "TEXT",    YP_CACHE_TEXT_NULL) \
  X (EVENTS, PUBLICATION_OF, "publication_of", "TEXT",    YP_CACHE_TEXT_NULL) \
  X (EVENTS, POSITION,       "position",       "INTEGER", YP_CACHE_INT) \
  X (EVENTS, N_ACTORS,       "n_actors",       "INTEGER", YP_CACHE_INT) \
  X (EVENTS, N_CITATIONS,    "n_citations",    "INTEGER", YP_CACHE_INT) \
  X (EVENTS, ROW_CHECK, "row_check", "INTEGER NOT NULL", YP_CACHE_INT)

#define YP_CACHE_EVENT_ACTORS_COLUMNS(X) \
  X (EVENT_ACTORS, EVENT, "event", "INTEGER NOT NULL", YP_CACHE_INT) \
  X (EVENT_ACTORS, SEQ,   "seq",   "INTEGER NOT NULL", YP_CACHE_INT) \
  X (EVENT_ACTORS, ACTOR, "actor", "TEXT NOT NULL",    YP_CACHE_TEXT) \
  X (EVENT_ACTORS, ROW_CHECK, "row_check", "INTEGER NOT NULL", YP_CACHE_INT)

#define YP_CACHE_CITATIONS_COLUMNS(X) \
  X (CITATIONS, EVENT,      "event",      "INTEGER NOT NULL", YP_CACHE_INT) \
  X (CITATIONS, SEQ,        "seq",        "INTEGER NOT NULL", YP_CACHE_INT) \
  X (CITATIONS, SOURCE,     "source",     "TEXT NOT NULL",    YP_CACHE_TEXT) \
  X (CITATIONS, QUOTE,      "quote",      "TEXT NOT NULL",    YP_CACHE_TEXT) \
  X (CITATIONS, BODY_START, "body_start", "INTEGER", YP_CACHE_INT) \
  X (CITATIONS, BODY_END,   "body_end",   "INTEGER", YP_CACHE_INT) \
  X (CITATIONS, RAW_START,  "raw_start",  "INTEGER", YP_CACHE_INT) \
  X (CITATIONS, RAW_END,    "raw_end",    "INTEGER", YP_CACHE_INT) \
  X (CITATIONS, ROW_CHECK, "row_check", "INTEGER NOT NULL", YP_CACHE_INT)

/* What a window needs of every event before it draws, packed: the
 * anchors, starts and ends (native gint64, by position), read in one go
 * so that opening does not walk the events table. */
#define YP_CACHE_EVENT_COLUMNS_COLUMNS(X) \
  X (EVENT_COLUMNS, NAME, "name", "TEXT PRIMARY KEY", YP_CACHE_TEXT) \
  X (EVENT_COLUMNS, DATA, "data", "BLOB NOT NULL",    YP_CACHE_BLOB) \
  X (EVENT_COLUMNS, ROW_CHECK, "row_check", "INTEGER NOT NULL", YP_CACHE_INT)

#define YP_CACHE_CATEGORIES_COLUMNS(X) \
  X (CATEGORIES, SEQ,  "seq",  "INTEGER PRIMARY KEY", YP_CACHE_INT) \
  X (CATEGORIES, NAME, "name", "TEXT NOT NULL",       YP_CACHE_TEXT) \
  X (CATEGORIES, ROW_CHECK, "row_check", "INTEGER NOT NULL", YP_CACHE_INT)

/* Full-text indexes for search. The trigram tokenizer matches any
 * substring of three or more characters, which is what Korean needs:
 * "알트먼" must find "알트먼을", a word-phrase with a particle attached. */
#define YP_CACHE_ARTICLES_FTS_COLUMNS(X) \
  X (ARTICLES_FTS, SOURCE, "source", "UNINDEXED", YP_CACHE_TEXT) \
  X (ARTICLES_FTS, BODY,   "body",   "",          YP_CACHE_TEXT) \
  X (ARTICLES_FTS, ROW_CHECK, "row_check", "UNINDEXED", YP_CACHE_INT)

/* The events' index: its rowid is the event's position (see the top of
 * this file), written as the first column of yp_cache_db_insert_sql(). */
#define YP_CACHE_EVENTS_FTS_COLUMNS(X) \
  X (EVENTS_FTS, ROWID,      "rowid",      NULL,        YP_CACHE_INT) \
  X (EVENTS_FTS, EVENT,      "event",      "UNINDEXED", YP_CACHE_TEXT) \
  X (EVENTS_FTS, TITLE_KO,   "title_ko",   "",          YP_CACHE_TEXT_NULL) \
  X (EVENTS_FTS, TITLE_EN,   "title_en",   "",          YP_CACHE_TEXT_NULL) \
  X (EVENTS_FTS, SUMMARY_KO, "summary_ko", "",          YP_CACHE_TEXT_NULL) \
  X (EVENTS_FTS, SUMMARY_EN, "summary_en", "",          YP_CACHE_TEXT_NULL) \
  X (EVENTS_FTS, ROW_CHECK,  "row_check",  "UNINDEXED", YP_CACHE_INT)

#define YP_CACHE_COLUMN_ENUM(table, column, name, decl, kind) YP_COL_##table##_##column,

typedef enum { YP_CACHE_META_COLUMNS (YP_CACHE_COLUMN_ENUM) } YpColMeta;
typedef enum { YP_CACHE_INPUTS_COLUMNS (YP_CACHE_COLUMN_ENUM) } YpColInputs;
typedef enum { YP_CACHE_PROBLEMS_COLUMNS (YP_CACHE_COLUMN_ENUM) } YpColProblems;
typedef enum { YP_CACHE_SOURCES_COLUMNS (YP_CACHE_COLUMN_ENUM) } YpColSources;
typedef enum { YP_CACHE_ACTORS_COLUMNS (YP_CACHE_COLUMN_ENUM) } YpColActors;
typedef enum { YP_CACHE_ERAS_COLUMNS (YP_CACHE_COLUMN_ENUM) } YpColEras;
typedef enum { YP_CACHE_EVENTS_COLUMNS (YP_CACHE_COLUMN_ENUM) } YpColEvents;
typedef enum { YP_CACHE_EVENT_ACTORS_COLUMNS (YP_CACHE_COLUMN_ENUM) } YpColEventActors;
typedef enum { YP_CACHE_CITATIONS_COLUMNS (YP_CACHE_COLUMN_ENUM) } YpColCitations;
typedef enum { YP_CACHE_EVENT_COLUMNS_COLUMNS (YP_CACHE_COLUMN_ENUM) } YpColEventColumns;
typedef enum { YP_CACHE_CATEGORIES_COLUMNS (YP_CACHE_COLUMN_ENUM) } YpColCategories;
typedef enum { YP_CACHE_ARTICLES_FTS_COLUMNS (YP_CACHE_COLUMN_ENUM) } YpColArticlesFts;
typedef enum { YP_CACHE_EVENTS_FTS_COLUMNS (YP_CACHE_COLUMN_ENUM) } YpColEventsFts;

typedef enum {
  YP_CACHE_TABLE_META,
  YP_CACHE_TABLE_INPUTS,
  YP_CACHE_TABLE_PROBLEMS,
  YP_CACHE_TABLE_SOURCES,
  YP_CACHE_TABLE_ACTORS,
  YP_CACHE_TABLE_ERAS,
  YP_CACHE_TABLE_EVENTS,
  YP_CACHE_TABLE_EVENT_ACTORS,
  YP_CACHE_TABLE_CITATIONS,
  YP_CACHE_TABLE_EVENT_COLUMNS,
  YP_CACHE_TABLE_CATEGORIES,
  YP_CACHE_TABLE_ARTICLES_FTS,
  YP_CACHE_TABLE_EVENTS_FTS,
  YP_CACHE_N_TABLES
} YpCacheTable;

const char  *yp_cache_db_table_name   (YpCacheTable  table);
guint        yp_cache_db_n_columns    (YpCacheTable  table);
const char  *yp_cache_db_column_name  (YpCacheTable  table,
                                       guint         column);
YpCacheKind  yp_cache_db_column_kind  (YpCacheTable  table,
                                       guint         column);
/* The CREATE statements of every table. */
const char  *yp_cache_db_schema_sql   (void);
/* "INSERT INTO table (every column) VALUES (?1, ...)": bind column c at
 * c + 1; a table's row_check is computed from the others, not bound.
 * Owned by the unit. */
const char  *yp_cache_db_insert_sql   (YpCacheTable  table);
/* "SELECT every column FROM table " @tail: column c is result column c. */
char        *yp_cache_db_select_sql   (YpCacheTable  table,
                                       const char   *tail);

/* Statements */

/* The one prepare helper: NULL with @error (YP_ERROR_CACHE_DAMAGED)
 * naming SQLite's message. @persistent: kept and reused for long. */
sqlite3_stmt *yp_cache_db_prepare     (sqlite3      *db,
                                       const char   *sql,
                                       gboolean      persistent,
                                       GError      **error);
/* sqlite3_exec(); @code for the error. */
gboolean     yp_cache_db_exec         (sqlite3      *db,
                                       const char   *sql,
                                       int           code,
                                       GError      **error);
/* Binds @text, or NULL. */
void         yp_cache_db_bind_text    (sqlite3_stmt *st,
                                       int           column,
                                       const char   *text);
/* Steps a write statement to its end and resets it for the next row. */
gboolean     yp_cache_db_step_done    (sqlite3      *db,
                                       sqlite3_stmt *st,
                                       GError      **error);
/* After a loop of sqlite3_step(): TRUE when it ended because the rows
 * did, else @error (YP_ERROR_CACHE_DAMAGED). */
gboolean     yp_cache_db_rows_done    (sqlite3      *db,
                                       int           rc,
                                       GError      **error);

/* Opens @path (":memory:" for none) with @flags, with the busy timeout,
 * extended result codes and yp_row_check() every connection of ours has. */
sqlite3     *yp_cache_db_open_raw     (const char   *path,
                                       int           flags);

/* The row check of @n values, as yp_row_check() computes it. */
gint64       yp_cache_db_row_check    (sqlite3_value **values,
                                       int             n);
/* The same check a value at a time, for a value read without a
 * statement (sqlite3_blob_read()): from yp_cache_db_row_check_start(),
 * add each value, all TEXT or BLOB (@type), in column order; the result,
 * as a gint64, is the row's check. */
guint64      yp_cache_db_row_check_start     (void);
guint64      yp_cache_db_row_check_add_bytes (guint64     check,
                                              int         column,
                                              int         type,
                                              const void *bytes,
                                              gsize       n);

/* One opened cache, as the lazy list and search share it. */
typedef struct _YpCacheDb YpCacheDb;

/* Takes over @db, a connection to the cache file @path (NULL: an
 * in-memory database, which has no file). */
YpCacheDb   *yp_cache_db_new          (sqlite3      *db,
                                       const char   *path);
YpCacheDb   *yp_cache_db_ref          (YpCacheDb    *self);
void         yp_cache_db_unref        (YpCacheDb    *self);
sqlite3     *yp_cache_db_get_handle   (YpCacheDb    *self);
/* The file, or NULL in memory. */
const char  *yp_cache_db_get_path     (YpCacheDb    *self);
/* The file for messages: its path, or "(in memory)". */
const char  *yp_cache_db_get_name     (YpCacheDb    *self);
/* A second, read-only connection to the same file for one thread (the
 * search's, which registers its own functions on it); NULL in memory or
 * when the file cannot be opened. */
sqlite3     *yp_cache_db_open_reader  (YpCacheDb    *self);
/* Logs, once per cache, that it is damaged and why, and moves the file
 * aside (unless it was replaced meanwhile), so that the next open
 * rebuilds it. */
void         yp_cache_db_set_damaged  (YpCacheDb    *self,
                                       const char   *what);
gboolean     yp_cache_db_is_damaged   (YpCacheDb    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YpCacheDb, yp_cache_db_unref)

/* Whether the rowids of events_fts are the positions of the @n_events
 * events, each with the event's id, checked at both ends and the
 * middle (the invariant at the top of this file). */
gboolean     yp_cache_db_check_positions (sqlite3   *db,
                                       guint         n_events);

/* File lifecycle: a cache file is written once, into a temporary file
 * beside it, and renamed into place; it is never modified after. */

/* Makes the temporary file beside @db_path and opens it for writing. */
sqlite3     *yp_cache_db_create_temp  (const char   *db_path,
                                       char        **tmp_path,
                                       GError      **error);
/* Closes @db and removes the temporary file @tmp_path. */
void         yp_cache_db_discard_temp (sqlite3      *db,
                                       const char   *tmp_path);
/* Closes @db, a complete cache in @tmp_path, and renames it to
 * @db_path, atomically. */
gboolean     yp_cache_db_put_in_place (const char   *db_path,
                                       const char   *tmp_path,
                                       sqlite3      *db,
                                       GError      **error);
/* Moves the damaged cache @db_path aside for inspection unless it is no
 * longer the file @seen; the new name, or NULL. */
char        *yp_cache_db_move_aside   (const char     *db_path,
                                       const GStatBuf *seen);
/* Removes temporary files of @db_path's naming left by killed rebuilds. */
void         yp_cache_db_remove_stale_temporaries (const char *db_path);
gboolean     yp_cache_db_same_file    (const GStatBuf *a,
                                       const GStatBuf *b);

G_END_DECLS
