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
  of our controls is named in Korean;
- the timeline exposes one named object per drawn mark, in time order, each
  at its mark's place, named with its date and title (or its count), the
  same as the frame the app drew says (YEONPYO_TEST_A11Y makes it print each
  frame's marks on stderr); after a zoom into the board crisis the objects
  follow; activating one selects its event (the card's title changes)."""

import re
import sys
import time

import pyatspi

sys.path.insert(0, __import__("os").path.dirname(__file__))
from yp_atspi import (App, CLASS_NAME, HANGUL, Tap, find_app, translator,  # noqa: E402
                      extents, find, wait_for, walk, xdotool, xwindow)

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


def timeline_marks(timeline):
    """The timeline's mark objects: (acc, name, x, y, w, h), the place
    relative to the timeline."""
    tx, ty, _, _ = extents(timeline)
    out = []
    for i in range(timeline.childCount):
        c = timeline.getChildAtIndex(i)
        x, y, w, h = extents(c)
        out.append((c, c.name, x - tx, y - ty, w, h))
    return out


def settled_marks(app, timeline):
    """Waits until the last frame's dump and the tree agree in number and
    stay so (zooms move the view over a few frames); returns both."""
    def same():
        before = app.last_dump("yp-marks")
        if before is None:
            return None
        objs = timeline_marks(timeline)
        time.sleep(0.3)
        after = app.last_dump("yp-marks")
        if after != before or len(objs) != len(after):
            return None
        return before, objs
    return wait_for(same, "the timeline's objects to match its last frame")


def check_marks(tap, dump, objs, _, when):
    tap.ok(len(objs) == len(dump) and len(dump) > 0,
           f"{when}: one object per drawn mark ({len(dump)} drawn, {len(objs)} exposed)")
    wrong = []
    for line, (acc, name, x, y, w, h) in zip(dump, objs):
        kind, first, count, mx, my, mw, mh, title = line.split("\t")
        if kind == "event":
            said = title in name and len(name) > len(title) + 2
        else:
            said = re.search(r"\b%s\b" % count, name) is not None
        placed = abs(x - int(mx)) <= 1 and abs(y - int(my)) <= 1 and abs(w - int(mw)) <= 2 and abs(h - int(mh)) <= 2
        if not said or not placed:
            wrong.append(f"drawn {kind} {title or count!r} at {mx},{my} {mw}x{mh}; read {name!r} at {x},{y} {w}x{h}")
    tap.ok(not wrong, f"{when}: each object is named and placed as its mark was drawn", "\n".join(wrong[:10]))
    return dump


def card_title(root, _):
    card = find(root, lambda r, n, d, s: n == _("Selected event"))
    if card is None:
        return None
    labels = [n for _a, p, r, n, d, s in walk(card) if r == "label" and n]
    return labels[1] if len(labels) > 1 else None


def main():
    yeonpyo, lang = sys.argv[1], sys.argv[2]
    _, ngettext = translator(lang)
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

        # In Korean the window is named 연표 too.
        timeline = find(root, lambda r, n, d, s: n == timeline_name and r != "frame")
        dump, objs = settled_marks(app, timeline)
        check_marks(tap, dump, objs, _, "at launch")
        showing = ngettext("Showing %s to %s, %u event", "Showing %s to %s, %u events", 2).split("%s")[0]
        tap.ok(timeline.description.startswith(showing) and timeline.description.count(",") >= 1,
               "the timeline's description says what it shows", repr(timeline.description))

        # Into the board crisis: its era chip (the third: after Whole Span
        # and the run-up), activated the way a screen reader does.
        eras = find(root, lambda r, n, d, s: n == _("Eras"))
        crisis = eras.getChildAtIndex(2)
        tap.note(f"zooming to {crisis.name!r}")
        crisis.queryAction().doAction(0)
        wait_for(lambda: app.last_dump("yp-marks") != dump, "a new frame after the zoom")
        dump2, objs2 = settled_marks(app, timeline)
        check_marks(tap, dump2, objs2, _, "in the board crisis")
        tap.ok([o[1] for o in objs2] != [o[1] for o in objs], "the objects changed with the view")

        # Activating an event's object selects it: the card shows it.
        events = [(line, o) for line, o in zip(dump2, objs2) if line.startswith("event\t")]
        line, obj = events[len(events) // 2]
        title = line.split("\t")[7]
        before = card_title(root, _)
        obj[0].queryAction().doAction(0)
        shown = wait_for(lambda: card_title(root, _) == title and card_title(root, _),
                         f"the card to show {title!r}", limit=10)
        tap.ok(shown == title and shown != before, "activating a mark's object selects its event",
               f"card before {before!r}, after {shown!r}, wanted {title!r}")

        # An event selected (the timeline has the focus at launch): its
        # card, with the citation and copy buttons, is named too.
        xdotool("key", "--window", xwindow(), "Right")
        copy_name = _("Copy as Citation")
        wait_for(lambda: any(n == copy_name and pyatspi.STATE_VISIBLE in s for _, p, r, n, d, s in walk(root)),
                 "the event card after Right")
        objects = list(walk(root))
        tap.note(f"{len(objects)} objects in the tree with an event selected")
        check_names(tap, objects, lang)
    except (TimeoutError, AttributeError, IndexError) as e:
        tap.ok(False, str(e), "\n".join(app.stderr()[-20:]))
    finally:
        app.stop()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
