#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A tour of the app with the keyboard only (xdotool key; text set through
AT-SPI, since xdotool cannot type Hangul), asserting after each step what
a screen reader would report: the focused object, the selected event (the
card's title), the timeline's description.

  test-keyboard.py YEONPYO LANG     (LANG: en or ko)"""

import os
import re
import subprocess
import sys
import time

import pyatspi

sys.path.insert(0, os.path.dirname(__file__))
from yp_atspi import (App, Tap, find, find_app, translator, wait_for,  # noqa: E402
                      walk, xdotool, xwindow)


def focused(root):
    for acc, p, r, n, d, s in walk(root):
        if pyatspi.STATE_FOCUSED in s:
            return acc, r, n, d, s
    return None


def all_focused(app_pid):
    """The focused object in any of the app's windows (dialogs are
    windows of their own)."""
    root = find_app(app_pid)
    return focused(root) if root is not None else None


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
        root = wait_for(lambda: find_app(app.proc.pid), "the app in the accessibility registry")
        win = xwindow()

        def key(*keys):
            for k in keys:
                xdotool("key", "--window", win, k)
                time.sleep(0.15)

        def focus_is(pred, what, limit=10):
            return wait_for(lambda: (lambda f: f if f and pred(*f[1:]) else None)(focused(root)), what, limit)

        timeline_name = _("Timeline")
        f = focus_is(lambda r, n, d, s: n == timeline_name and r != "frame", "the timeline focused at launch")
        tap.ok(f is not None, "at launch the timeline has the keyboard focus")
        timeline = f[0]
        fit_description = timeline.description

        # Events in time order: Right selects, the card and the mark follow.
        key("Right")
        first = wait_for(lambda: card_title(root, _), "an event in the card after Right")
        key("Tab")
        f = focus_is(lambda r, n, d, s: r == "push button" and first in n, "the selected event's mark focused")
        tap.ok(pyatspi.STATE_SELECTED in f[4], "Tab: the selected event's mark has the focus, selected",
               repr(f[2]))
        marks = [timeline.getChildAtIndex(i).name for i in range(timeline.childCount)]
        key("Right")
        second = wait_for(lambda: (lambda t: t if t and t != first else None)(card_title(root, _)),
                          "the next event after Right")
        f = focus_is(lambda r, n, d, s: r == "push button" and second in n, "the focus on the next mark")
        order = [i for i, n in enumerate(marks) if first in n] + [i for i, n in enumerate(marks) if second in n]
        tap.ok(len(order) == 2 and order[0] < order[1],
               "Right: the next event in time order is selected, the focus follows it", f"{first!r} -> {second!r}")

        # Zoom in and back: the timeline says what it shows.
        key("plus")
        wait_for(lambda: timeline.description != fit_description, "the description after +")
        zoomed = timeline.description
        tap.ok(zoomed != fit_description, "+ zooms in: the timeline's description changes", zoomed)
        key("0")
        wait_for(lambda: timeline.description.split(".")[0] == fit_description.split(".")[0],
                 "the whole span after 0")
        tap.ok(True, "0 shows the whole span again")
        f = focused(root)
        tap.ok(f is not None and f[1] == "push button", "the focus stays on a mark while zooming",
               repr(f and f[2]))

        # An event's sources: Tab to its first passage button, Enter opens
        # the article there.
        passage = _("Passage %u of %u: %s").split("%u")[0]
        for _i in range(25):
            f = focused(root)
            if f and f[2].startswith(passage):
                break
            key("Tab")
        tap.ok(f and f[2].startswith(passage), "Tab reaches the selected event's first passage button",
               repr(f and f[2]))
        key("Return")
        # The article's text, then its highlighted passages with Alt+Down.
        for _i in range(12):
            f = focused(root)
            if f and f[1] == "text":
                break
            key("Tab")
        tap.ok(f and f[1] == "text", "Tab reaches the article's text", repr(f and f[1:3]))
        text = f[0]
        key("alt+Down")
        wait_for(lambda: re.search(r"\d", text.description or ""), "a passage after Alt+Down")
        d1 = text.description
        key("alt+Down")
        wait_for(lambda: text.description != d1, "the next passage after Alt+Down")
        d2 = text.description
        tap.ok(d1 != d2, "Alt+Down moves through the highlighted passages", f"{d1!r} -> {d2!r}")
        cited = re.search(r"“(.*)”", d2)
        key("Return")
        if cited:
            got = wait_for(lambda: card_title(root, _) == cited.group(1) and cited.group(1), "the cited event selected")
        tap.ok(cited and card_title(root, _) == cited.group(1), "Enter on a passage selects the event citing it",
               f"{d2!r}, card {card_title(root, _)!r}")

        # Search: Ctrl+F, text through AT-SPI, Enter; Escape closes it.
        before = card_title(root, _)
        key("ctrl+f")
        f = focus_is(lambda r, n, d, s: r == "entry", "the search entry after Ctrl+F")
        query = "무라티" if lang == "ko" else "Murati"
        f[0].queryEditableText().setTextContents(query)
        time.sleep(1.0)
        key("Return")
        got = wait_for(lambda: (lambda t: t if t and query in t else None)(card_title(root, _)),
                       "a search result selected after Enter", limit=10)
        tap.ok(got is not None, "Enter in the search selects the first event found", f"{before!r} -> {got!r}")
        key("Escape")
        f = wait_for(lambda: (lambda f: f if f and f[1] != "entry" else None)(focused(root)),
                     "the focus out of the closed search bar")
        tap.ok(f is not None, "Escape closes the search; the focus stays in the window", repr(f and f[1:3]))

        # Export and print dialogs: Escape closes them and the focus comes
        # back where it was.
        for shortcut, what in (("ctrl+e", "export"), ("ctrl+p", "print")):
            before = focused(root)
            n_windows = root.childCount
            key(shortcut)
            wait_for(lambda: root.childCount > n_windows, f"the {what} dialog", limit=20)
            title = root.getChildAtIndex(root.childCount - 1).name
            dialog = wait_for(lambda: subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", "^%s$" % re.escape(title)],
                capture_output=True, text=True).stdout.split(), f"the {what} dialog's X window")[0]
            time.sleep(1.0)
            # Xvfb has no window manager to give the new window the focus:
            # the test gives it, and gives it again if the key came first.
            # (XTEST to the focused window, or sent to the dialog itself).
            for attempt in range(4):
                if root.childCount == n_windows:
                    break
                xdotool("windowfocus", "--sync", dialog)
                time.sleep(0.5)
                if attempt % 2 == 0:
                    xdotool("key", "--clearmodifiers", "Escape")
                else:
                    subprocess.run(["xdotool", "key", "--window", dialog, "Escape"])
                try:
                    wait_for(lambda: root.childCount == n_windows, f"the {what} dialog closed", limit=4)
                except TimeoutError:
                    if attempt == 3:
                        raise
            xdotool("windowfocus", "--sync", win)
            after = wait_for(lambda: focused(root), f"the focus back after the {what} dialog")
            tap.ok(after is not None and before is not None and after[2] == before[2] and after[1] == before[1],
                   f"{shortcut} opens the {what} dialog, Escape closes it, the focus returns",
                   f"before {before and before[1:3]!r}, after {after and after[1:3]!r}")

        # The list, the card and the timeline keep one selection: Tab into
        # the Events list lands on the selected row, Down moves the
        # selection and the highlight together.
        def tab_to(pred, what, limit=40):
            for _i in range(limit):
                f = focused(root)
                if f and pred(*f[1:]):
                    return f
                key("Tab")
            raise TimeoutError(f"Tab never reached {what}; focus on {f and f[1:3]!r}")

        selected = card_title(root, _)
        key("alt+Left")
        tab_to(lambda r, n, d, s: n == _("Events") and r != "list", "the Events tab")
        key("space")
        f = tab_to(lambda r, n, d, s: r in ("list item", "table cell", "list box"), "the Events list")
        tap.ok(selected in f[2] and pyatspi.STATE_SELECTED in f[4],
               "Tab into the Events list lands on the selected row", f"selected {selected!r}, focus on {f[2]!r}")
        row_above = f[2]
        items = [a for a, p, r, n, d, s in walk(f[0].parent) if a.parent == f[0].parent]
        names = [a.name for a in items]
        below = names[names.index(row_above) + 1] if row_above in names and names.index(row_above) + 1 < len(names) else None
        key("Down")
        got = wait_for(lambda: (lambda t: t if t and t != selected else None)(card_title(root, _)),
                       "the card after Down in the list")
        tap.ok(below is not None and got in below, "Down in the list selects the next row; the card follows",
               f"{selected!r} -> {got!r}, next row {below!r}")
        key("alt+Left")
        f = tab_to(lambda r, n, d, s: r in ("list item", "table cell", "list box"), "the Events list again")
        highlighted = [a.name for a in items if pyatspi.STATE_SELECTED in a.getState().getStates()]
        tap.ok(got in f[2] and pyatspi.STATE_SELECTED in f[4] and highlighted == [f[2]],
               "back in the list, the focus and the only highlighted row are the new selection",
               f"focus {f[2]!r}, highlighted {highlighted!r}")
    except (TimeoutError, ValueError, AttributeError, IndexError, TypeError, subprocess.CalledProcessError) as e:
        tap.ok(False, str(e), "\n".join(app.stderr()[-20:]))
    finally:
        app.stop()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
