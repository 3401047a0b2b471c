#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The accessibility tree of the running app, as a screen reader sees it.

  test-a11y.py YEONPYO LANG     (LANG: en or ko)

Starts the real window with the accessibility bus on (run-a11y.sh gives it
Xvfb, a session bus and the AT-SPI registry) and checks, in TAP:
- no object is named after a GTK class ("GtkImage", "GtkMenuButton"...),
  apart from GTK's own inner parts (a scroll bar's range, a paned's handle)
  that no one focuses and an app cannot name;
- every button, toggle, menu button and entry has a name, none reads a
  mnemonic or its label twice ("_Details Details"), and in Korean every one
  of our controls is named in Korean."""

import re
import sys

import pyatspi

sys.path.insert(0, __import__("os").path.dirname(__file__))
from yp_atspi import (App, CLASS_NAME, HANGUL, Tap, find_app, translator,  # noqa: E402
                      wait_for, walk, xdotool, xwindow)

CONTROLS = {"push button", "toggle button", "entry", "password text", "check box",
            "radio button", "page tab", "combo box", "spin button", "slider"}
# GTK draws these itself, around the window: not our strings.
DECORATIONS = {"Minimize", "Maximize", "Close", "최소화", "최대화", "닫기"}


def doubled(name):
    """'_Details Details': the mnemonic text and the label read together."""
    words = name.split()
    half = len(words) // 2
    return (re.search(r"_[^\W_]", name) is not None or
            (len(words) % 2 == 0 and half > 0 and
             [w.replace("_", "") for w in words[:half]] == words[half:]))


def check_names(tap, objects, lang):
    # What is hidden is not read (an empty label waiting for a text).
    objects = [o for o in objects if pyatspi.STATE_VISIBLE in o[5]]
    # GTK's inner parts: a scroll bar and its range, a paned's handle, a
    # menu button's arrow. No one focuses them.
    classy = [(r, n, p) for _, p, r, n, d, s in objects
              if CLASS_NAME.match(n) and not (r in ("filler", "scroll bar") and
                                                pyatspi.STATE_FOCUSABLE not in s)]
    tap.ok(not classy, "no object is named after a GTK class",
           "\n".join(f"[{r}] {n!r} in {' > '.join(x[1] or x[0] for x in p[-3:])}" for r, n, p in classy))

    unnamed = [(r, p) for _, p, r, n, d, s in objects if r in CONTROLS and not n.strip()]
    tap.ok(not unnamed, "every button, toggle and entry has a name",
           "\n".join(f"[{r}] in {' > '.join(x[1] or x[0] for x in p[-3:])}" for r, p in unnamed))

    rows = [p for _, p, r, n, d, s in objects if r == "list item" and not n.strip()]
    tap.ok(not rows, "every row of a list has a name",
           "\n".join(' > '.join(x[1] or x[0] for x in p[-3:]) for p in rows[:10]))

    twice = [n for _, p, r, n, d, s in objects if r in CONTROLS and doubled(n)]
    tap.ok(not twice, "no control reads its mnemonic or its label twice", "\n".join(map(repr, twice)))

    if lang == "ko":
        english = [(r, n) for _, p, r, n, d, s in objects
                   if r in CONTROLS and n and not HANGUL.search(n) and n not in DECORATIONS
                   and not n.isdigit()]
        tap.ok(not english, "every control is named in Korean", "\n".join(f"[{r}] {n!r}" for r, n in english))


def main():
    yeonpyo, lang = sys.argv[1], sys.argv[2]
    _ = translator(lang)
    tap = Tap()
    app = App([yeonpyo], lang)
    try:
        if app.retries:
            tap.note(f"the app could not open the display {app.retries} time(s) and was started again")
        root = wait_for(lambda: find_app(app.proc.pid), "the app in the accessibility registry")
        timeline_name = _("Timeline")
        wait_for(lambda: any(n == timeline_name for _, p, r, n, d, s in walk(root)),
                 f"the timeline ({timeline_name!r}) in the tree")
        objects = list(walk(root))
        tap.note(f"{len(objects)} objects in the tree")
        check_names(tap, objects, lang)

        # An event selected (the timeline has the focus at launch): its
        # card, with the citation and copy buttons, is named too.
        xdotool("key", "--window", xwindow(), "Right")
        copy_name = _("Copy as Citation")
        wait_for(lambda: any(n == copy_name and pyatspi.STATE_VISIBLE in s for _, p, r, n, d, s in walk(root)),
                 "the event card after Right")
        objects = list(walk(root))
        tap.note(f"{len(objects)} objects in the tree with an event selected")
        check_names(tap, objects, lang)
    except TimeoutError as e:
        tap.ok(False, str(e), "\n".join(app.stderr()[-20:]))
    finally:
        app.stop()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
