/* yp-yeonpyo-reader-private.h: the Yeonpyo reader's entry from a scanned
 * document, for yp-import.c and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yp-json-doc-private.h"
#include "yp-yeonpyo-reader.h"

G_BEGIN_DECLS

/* Reads a scanned document as a Yeonpyo timeline, as
 * yp_yeonpyo_reader_load_data() does. */
YpRecord *yp_yeonpyo_reader_load_doc           (YpJsonDoc   *doc,
                                                GPtrArray  **inputs,
                                                GError     **error);
/* The same, handing the events to @sink (may be NULL) if its begin() says
 * so: the record then has none, and everything else (problems included)
 * as yp_yeonpyo_reader_load_doc() gives it. */
YpRecord *yp_yeonpyo_reader_load_doc_streaming (YpJsonDoc   *doc,
                                                GPtrArray  **inputs,
                                                YpEventSink *sink,
                                                GError     **error);

G_END_DECLS
