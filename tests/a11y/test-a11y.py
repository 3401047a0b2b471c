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
from yp_atspi import (App, CLASS_NAME, HANGUL, Tap, card_title, find_app,  # noqa: E402
                      translator, extents, find, wait_for, walk, xdotool, xwindow)

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


def settle(pred, what, limit=10):
    """wait_for, but None after @limit s: the check after it says what
    failed, and the test goes on to the next change."""
    try:
        return wait_for(pred, what, limit)
    except TimeoutError:
        return None


def count_pattern(fmt):
    """A regular expression for a printf format of %u numbers, each in a
    group named after its argument, a1, a2... (Korean orders them with
    %2$u)."""
    out, pos = "", 0
    for i, m in enumerate(re.finditer(r"%(?:(\d)\$)?u", fmt), 1):
        out += re.escape(fmt[pos:m.start()]) + f"(?P<a{m.group(1) or i}>\\d+)"
        pos = m.end()
    return out + re.escape(fmt[pos:])


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

        # Zooming to a cluster (activated as a screen reader does) changes
        # what the timeline's description says it shows. In linear time
        # the crisis crowds into one mark with a count: the Story Scale
        # menu item turns it off, and on again after.
        def story_scale():
            menu = find(root, lambda r, n, d, s: n == _("Main Menu") and pyatspi.STATE_FOCUSABLE in s)
            menu.queryAction().doAction(0)
            item_name = _("_Story Scale").replace("_", "")
            item = wait_for(lambda: find(root, lambda r, n, d, s: n == item_name and "menu item" in r),
                            "the Story Scale menu item")
            frames = app.dumps("yp-marks")
            item.queryAction().doAction(0)
            wait_for(lambda: app.dumps("yp-marks") > frames, "a new frame after Story Scale")
            return settled_marks(app, timeline)

        before = timeline.description
        linear, linear_objs = story_scale()
        clusters = [(line, o) for line, o in zip(linear, linear_objs) if line.startswith("cluster\t")]
        tap.ok(clusters, "in linear time some marks are clusters", "\n".join(linear))
        if clusters:
            line, obj = max(clusters, key=lambda c: int(c[0].split("\t")[2]))
            count = int(line.split("\t")[2])
            shown = timeline.description
            obj[0].queryAction().doAction(0)
            after = settle(lambda: (lambda d: d if d.split(".")[0] != shown.split(".")[0] else None)(
                timeline.description), "the description after zooming to a cluster") or shown
            said = re.search(r"(\d+)\D*$", after.split(".")[0])
            whole = re.search(r"(\d+)\D*$", shown.split(".")[0])
            # It says how many events are in view: at least the cluster's,
            # fewer than in the whole span.
            tap.ok(said and whole and count <= int(said.group(1)) < int(whole.group(1)),
                   f"zooming into a cluster of {count}: the timeline's description says what it shows now",
                   f"{shown!r} -> {after!r}")
        story_scale()
        xdotool("key", "--window", xwindow(), "ctrl+0")
        wait_for(lambda: timeline.description.split(".")[0] == before.split(".")[0], "the whole span again")
        dump, objs = settled_marks(app, timeline)

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

        # The selection is said where a screen reader looks: the timeline's
        # description names it, and its mark's object is selected.
        selected_said = _(". Selected: %s, %s").split("%s")[0]
        described = settle(lambda: (lambda d: d if selected_said in d and title in d else None)(timeline.description),
                           "the description to name the selection", limit=5)
        tap.ok(described, "selecting an event: the timeline's description names it", timeline.description)
        chosen = [o[1] for o in timeline_marks(timeline) if pyatspi.STATE_SELECTED in o[0].getState().getStates()]
        tap.ok(len(chosen) == 1 and title in chosen[0], "selecting an event: its mark's object is selected",
               repr(chosen))


        # An event selected (the timeline has the focus at launch): its
        # card, with the citation and copy buttons, is named too.
        xdotool("key", "--window", xwindow(), "Right")
        copy_name = _("Copy as Citation")
        wait_for(lambda: any(n == copy_name and pyatspi.STATE_VISIBLE in s for _, p, r, n, d, s in walk(root)),
                 "the event card after Right")
        objects = list(walk(root))
        tap.note(f"{len(objects)} objects in the tree with an event selected")
        check_names(tap, objects, lang)

        # A filter, as a screen reader user sets it: the Filter button's
        # description counts what is shown ("6 of 41 events"), and the
        # timeline's count follows.
        filter_button = find(root, lambda r, n, d, s: n == _("Filter") and r == "push button" and
                             pyatspi.STATE_FOCUSABLE in s)
        before = timeline.description
        filter_button.queryAction().doAction(0)
        # The popover opens with the focus on its first box; GTK 4.8 gives
        # check boxes no AT-SPI action: Space ticks it.
        wait_for(lambda: find(root, lambda r, n, d, s: r == "check box" and pyatspi.STATE_FOCUSED in s),
                 "the filter popover's first box focused")

        def tick():
            xdotool("key", "--window", xwindow(), "space")

        tick()
        pattern = count_pattern(ngettext("%u of %u event", "%u of %u events", 2))
        counted = settle(lambda: re.fullmatch(pattern, filter_button.description or ""),
                         "the Filter button's description")
        tap.ok(counted and int(counted.group("a1")) < int(counted.group("a2")),
               "filtering: the Filter button's description says how many events are shown",
               repr(filter_button.description))
        settle(lambda: timeline.description != before, "the timeline's description after the filter")
        tap.ok(timeline.description != before, "filtering: the timeline's description changes",
               f"{before!r} -> {timeline.description!r}")
        tick()
        settle(lambda: not filter_button.description, "no count on the Filter button once the filter is cleared")
        tap.ok(not filter_button.description, "clearing the filter takes the count off the Filter button",
               repr(filter_button.description))
        xdotool("key", "--window", xwindow(), "Escape")
        # Ctrl+F sent while the popover is still open would go to the
        # popover: wait for the focus to be back on Filter.
        wait_for(lambda: pyatspi.STATE_FOCUSED in filter_button.getState().getStates(),
                 "the focus back on Filter after the popover")

        # A search: the entry's description says what it found.
        xdotool("key", "--window", xwindow(), "ctrl+f")
        entry = wait_for(lambda: find(root, lambda r, n, d, s: r == "entry" and pyatspi.STATE_FOCUSED in s),
                         "the search entry")
        plain = entry.description
        entry.queryEditableText().setTextContents("무라티" if lang == "ko" else "Murati")
        found = [count_pattern(ngettext("%u event", "%u events", n)) for n in (1, 2)]
        said = settle(lambda: (lambda d: d if d != plain and any(re.search(f, d) for f in found) else None)(
            entry.description), "the entry's description after a search")
        tap.ok(said, "searching: the entry's description says how many events were found",
               f"{plain!r} -> {entry.description!r}")
        xdotool("key", "--window", xwindow(), "Escape")
        settle(lambda: not any(r == "entry" and pyatspi.STATE_FOCUSED in s for _a, p, r, n, d, s in walk(root)),
               "the search bar closed")
    except (TimeoutError, AttributeError, IndexError) as e:
        tap.ok(False, str(e), "\n".join(app.stderr()[-20:]))
    finally:
        app.stop()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
