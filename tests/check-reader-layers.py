#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the readers' layers depend only downwards (docs/DESIGN.md,
"src/core: readers"): each unit of src/core/ listed below includes its own
headers, the headers of lower layers, and the plain object types; never a
header of its own layer's other units or of a layer above.

    check-reader-layers.py SRC_CORE_DIR

Prints each #include that breaks the rule and exits 1, or exits 0.
"""

import os
import re
import sys

# Lowest first: (layer, unit, its headers); a unit's .c files are its name's
# and those in EXTRA_SOURCES.
EXTRA_SOURCES = {"yp-yeonpyo-reader": ["yp-yeonpyo-fields.c", "yp-yeonpyo-sources.c"],
                 "yp-timelinejs": ["yp-timelinejs2.c", "yp-timelinejs-fields.c",
                                   "yp-timelinejs-slides.c"]}
UNITS = [
    (0, "yp-file-bytes", ["yp-file-bytes-private.h"]),
    (1, "yp-json-fast", ["yp-json-fast.h"]),
    (2, "yp-json-doc", ["yp-json-doc-private.h"]),
    (3, "yp-reader", ["yp-reader-private.h"]),
    (3, "yp-html-text", ["yp-html-text.h"]),
    (4, "yp-yeonpyo-reader", ["yp-yeonpyo-reader.h", "yp-yeonpyo-reader-private.h",
                              "yp-yeonpyo-state-private.h"]),
    (4, "yp-timelinejs", ["yp-timelinejs.h", "yp-timelinejs2-private.h",
                          "yp-timelinejs-state-private.h"]),
    (5, "yp-import", ["yp-import.h"]),
]
# The objects a record is made of, and the error domain: below every layer.
OBJECTS = {"config.h", "yp-error.h", "yp-event-sink.h", "yp-record.h", "yp-event.h", "yp-str-pool.h", "yp-source.h",
           "yp-actor.h", "yp-era.h", "yp-citation.h", "yp-problem.h", "yp-date.h", "yp-types.h",
           "yp-event-list.h", "yp-object-list.h"}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def main():
    core = sys.argv[1]
    layer_of = {}
    unit_of = {}
    for layer, unit, headers in UNITS:
        for h in headers:
            layer_of[h] = layer
            unit_of[h] = unit
    faults = []
    for layer, unit, headers in UNITS:
        for name in [unit + ".c"] + EXTRA_SOURCES.get(unit, []) + headers:
            path = os.path.join(core, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for inc in INCLUDE.findall(text):
                if inc in OBJECTS:
                    continue
                if inc not in layer_of:
                    faults.append(f"{name}: includes {inc}, which is neither a reader layer nor an object type")
                    continue
                if unit_of[inc] == unit:
                    continue
                if layer_of[inc] >= layer:
                    faults.append(f"{name} (layer {layer}) includes {inc} (layer {layer_of[inc]}): "
                                  "a layer uses only those below it")
    for fault in faults:
        print(fault)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
