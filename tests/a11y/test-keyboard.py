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
import tempfile
import time

import pyatspi

sys.path.insert(0, os.path.dirname(__file__))
from yp_atspi import (App, Tap, card_title, extents, find, find_app,  # noqa: E402
                      translator, wait_for, walk, xdotool, xwindow)


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


# What Tab must reach: every enabled control on screen. The timeline's
# marks are one stop (the arrows move between them), and so is each list.
CONTROLS = {"push button", "toggle button", "check box", "radio button", "page tab", "entry",
            "combo box", "spin button", "slider"}
DECORATIONS = {"Minimize", "Maximize", "Close", "최소화", "최대화", "닫기"}


def on_screen(frame, acc):
    """Whether @acc is drawn. GTK 4.8 sets no showing state, and what was
    drawn once keeps its rectangle when hidden (a page of a stack, a closed
    bar): what the window finds at its centre must be @acc or inside it."""
    try:
        x, y, w, h = extents(acc)
        if w <= 0 or h <= 0:
            return False
        o = frame.queryComponent().getAccessibleAtPoint(x + w // 2, y + h // 2, pyatspi.WINDOW_COORDS)
    except Exception:
        return False
    if o is None:
        # GTK 4.8 finds nothing at some points of the header bar.
        return True
    for _i in range(40):
        if o is None:
            return False
        if o == acc:
            return True
        o = o.parent
    return False


def controls(frame, timeline_name):
    out = set()
    for acc, p, r, n, d, s in walk(frame):
        if (r in CONTROLS and n and n not in DECORATIONS and pyatspi.STATE_VISIBLE in s and
                pyatspi.STATE_FOCUSABLE in s and pyatspi.STATE_SENSITIVE in s and
                not (p and p[-1] == ("panel", timeline_name)) and on_screen(frame, acc)):
            out.add(n)
    return out


def focused_in(window):
    """The focused object of one window (a dialog is a window of its own)."""
    return focused(window)


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

        def tab_cycle(when, limit=80):
            """Tabs from the focus round to it again: every control on
            screen must be a stop, every list one stop only."""
            start = focused(root)
            frame = root.getChildAtIndex(0)
            wanted = controls(frame, timeline_name)
            stops = []
            for _i in range(limit):
                key("Tab")
                f = focused(root)
                if f is None:
                    stops.append(None)
                    continue
                stops.append((f[1], f[2], f[0].parent))
                if (f[1], f[2]) == (start[1], start[2]):
                    break
            reached = {st[1] for st in stops if st}
            missing = sorted(wanted - reached)
            tap.ok(stops and stops[-1] and (stops[-1][0], stops[-1][1]) == (start[1], start[2]) and not missing,
                   f"{when}: Tab goes round every control on screen ({len(wanted)}) and back, in {len(stops)} stops",
                   f"start {start[1:3]!r}; not reached: {missing!r}; stops: " +
                   ", ".join(repr(st[1][:30]) if st else "nothing" for st in stops))
            rows = [st for st in stops if st and st[0] in ("list item", "table cell", "list box")]
            per_list = {}
            for st in rows:
                # A list by its role and name (the list views are named).
                per_list.setdefault((st[2].getRoleName(), st[2].name), []).append(st[1])
            many = {k: v for k, v in per_list.items() if len(v) > 1}
            tap.ok(rows and not many, f"{when}: each list is one Tab stop ({len(rows)} list stops)",
                   "\n".join(f"{k}: {len(v)} stops" for k, v in many.items()))
            return stops

        def dialog_xwindow(what):
            title = root.getChildAtIndex(root.childCount - 1).name
            dialog = wait_for(lambda: subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", "^%s$" % re.escape(title)],
                capture_output=True, text=True).stdout.split(), f"the {what} dialog's X window")[0]
            time.sleep(1.0)
            return dialog

        def dialog_key(dialog, k):
            # Xvfb has no window manager to give the new window the focus:
            # the test gives it.
            xdotool("windowfocus", "--sync", dialog)
            time.sleep(0.5)
            xdotool("key", "--clearmodifiers", k)
            time.sleep(0.3)

        def close_dialog(dialog, n_windows, what):
            # Escape, given again if the key came before the focus (XTEST
            # to the focused window, or sent to the dialog itself).
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

        timeline_name = _("Timeline")
        f = focus_is(lambda r, n, d, s: n == timeline_name and r != "frame", "the timeline focused at launch")
        tap.ok(f is not None, "at launch the timeline has the keyboard focus")
        timeline = f[0]
        fit_description = timeline.description
        tab_cycle("at launch")

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

        # Search: Ctrl+F, text through AT-SPI, Enter; Escape closes it and
        # the focus comes back where it was.
        focus_before = focused(root)
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
        time.sleep(0.5)  # the bar slides away: the focus must not move after it
        f = focused(root)
        tap.ok(f is not None and f[1:3] == focus_before[1:3],
               "Escape closes the search; the focus returns where it was",
               f"before {focus_before[1:3]!r}, after {f and f[1:3]!r}")

        # Export and print dialogs: Escape closes them and the focus comes
        # back where it was.
        for shortcut, what in (("ctrl+e", "export"), ("ctrl+p", "print")):
            before = focused(root)
            n_windows = root.childCount
            key(shortcut)
            wait_for(lambda: root.childCount > n_windows, f"the {what} dialog", limit=20)
            dialog = dialog_xwindow(what)
            close_dialog(dialog, n_windows, what)
            after = wait_for(lambda: focused(root), f"the focus back after the {what} dialog")
            tap.ok(after is not None and before is not None and after[2] == before[2] and after[1] == before[1],
                   f"{shortcut} opens the {what} dialog, Escape closes it, the focus returns",
                   f"before {before and before[1:3]!r}, after {after and after[1:3]!r}")

        # The list, the card and the timeline keep one selection: Tab into
        # the Events list lands on the selected row, Down moves the
        # selection and the highlight together.
        def tab_to(pred, what, limit=40):
            seen = []
            for _i in range(limit):
                f = focused(root)
                if f and pred(*f[1:]):
                    return f
                seen.append(f and f[2][:24])
                key("Tab")
            raise TimeoutError(f"Tab never reached {what}; focus on {f and f[1:3]!r}, after {seen!r}")

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

        # With the Events list shown and an event selected: Tab still goes
        # round every control, the list being one stop.
        tab_cycle("with the Events list")

        # The filter popover from the keyboard: Enter opens it on its first
        # box, Space ticks it, Escape closes it onto the Filter button.
        filter_name = _("Filter")
        for step, what in ((0, "ticks"), (1, "unticks")):
            tab_to(lambda r, n, d, s: n == filter_name and r == "push button", "the Filter button")
            key("Return")
            box = focus_is(lambda r, n, d, s: r == "check box", "a box of the filter popover focused")
            box_name = box[2]
            key("space")
            wait_for(lambda: (pyatspi.STATE_CHECKED in box[0].getState().getStates()) == (step == 0),
                     f"the box {box_name!r} {what}")
            key("Escape")
            f = focus_is(lambda r, n, d, s: r != "check box", "the focus out of the closed popover")
            time.sleep(0.3)
            f = focused(root)
            tap.ok(f is not None and f[1] == "push button" and f[2] == filter_name,
                   f"the filter popover opens on a box, Space {what} {box_name!r}, "
                   "Escape returns the focus to the Filter button", repr(f and f[1:3]))

        # Compare Sources: from the card of an event citing several
        # sources; the focus goes into the dialog, moves through it, and
        # comes back to the button after Escape.
        compare_name = _("Compare Sources")
        tab_to(lambda r, n, d, s: n == timeline_name and r == "panel", "the timeline")
        key("0")
        key("Home")
        for _i in range(45):
            time.sleep(0.4)  # the card follows the selection a moment later
            compare = find(root, lambda r, n, d, s: n == compare_name and r == "push button" and
                           pyatspi.STATE_VISIBLE in s)
            if compare is not None and on_screen(root.getChildAtIndex(0), compare):
                break
            key("Right")
        tab_to(lambda r, n, d, s: n == compare_name and r == "push button", "the Compare Sources button")
        n_windows = root.childCount
        key("Return")
        wait_for(lambda: root.childCount > n_windows, "the Compare Sources dialog", limit=20)
        dialog_acc = root.getChildAtIndex(root.childCount - 1)
        inside = wait_for(lambda: focused_in(dialog_acc), "the focus in the Compare Sources dialog")
        tap.ok(inside is not None and inside[2] != "",
               "Compare Sources opens a dialog with the focus inside, on a named object", repr(inside[1:3]))
        dialog = dialog_xwindow("Compare Sources")
        dialog_key(dialog, "Tab")
        moved = wait_for(lambda: (lambda f: f if f and f[1:3] != inside[1:3] else None)(focused_in(dialog_acc)),
                         "the focus to move in the Compare Sources dialog", limit=5)
        tap.ok(moved is not None and moved[2].startswith("“"),
               "Tab moves through the compared passages", repr(moved[1:3]))
        close_dialog(dialog, n_windows, "Compare Sources")
        f = wait_for(lambda: (lambda f: f if f and f[2] == compare_name else None)(focused(root)),
                     "the focus back on Compare Sources", limit=5)
        tap.ok(f is not None, "Escape closes Compare Sources; the focus returns to its button")

        # The Problems dialog, in a timeline that has some: from the main
        # menu (F10, the arrows, Enter) and from the banner's Details.
        app.stop()
        broken = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "broken-events.json")
        cache = tempfile.TemporaryDirectory(prefix="yp-keyboard-")
        app = App([yeonpyo, broken], lang, {"XDG_CACHE_HOME": cache.name})
        root = wait_for(lambda: find_app(app.proc.pid), "the app with broken-events.json")
        win = xwindow("(^| — )(Yeonpyo|연표)$")
        focus_is(lambda r, n, d, s: n == timeline_name and r == "panel", "the timeline focused at launch")
        problems_item = _("_Problems in the Timeline File").replace("_", "")
        key("F10")
        f = focus_is(lambda r, n, d, s: r == "menu item", "the main menu open after F10")
        for _i in range(20):
            f = focused(root)
            if f and f[2] == problems_item:
                break
            key("Down")
        tap.ok(f and f[2] == problems_item, "F10 and Down reach the Problems menu item", repr(f and f[1:3]))
        for opener, back_to in (("Return", _("Main Menu")), (None, _("Details"))):
            if opener is None:
                opener = "Return"
                tab_to(lambda r, n, d, s: n == back_to and r == "push button", "the banner's Details button")
            n_windows = root.childCount
            # Given again if the key was lost (Xvfb, no window manager, a
            # dialog that just closed): a modal dialog takes only one.
            for attempt in range(2):
                key(opener)
                try:
                    wait_for(lambda: root.childCount > n_windows, "the Problems dialog", limit=10)
                    break
                except TimeoutError:
                    if attempt == 1:
                        raise
            dialog_acc = root.getChildAtIndex(root.childCount - 1)
            inside = wait_for(lambda: focused_in(dialog_acc), "the focus in the Problems dialog")
            tap.ok(inside[2] == _("Problems"), f"the Problems dialog opens with the focus on its text ({back_to})",
                   repr(inside[1:3]))
            dialog = dialog_xwindow("Problems")
            dialog_key(dialog, "ctrl+End")
            dialog_key(dialog, "Tab")
            f = focused_in(dialog_acc)
            tap.ok(f is not None, "the focus stays in the Problems dialog while moving through it",
                   repr(f and f[1:3]))
            close_dialog(dialog, n_windows, "Problems")
            f = wait_for(lambda: (lambda f: f if f and f[2] == back_to else None)(focused(root)),
                         f"the focus back on {back_to!r}", limit=5)
            tap.ok(f is not None, f"Escape closes the Problems dialog; the focus returns to {back_to!r}",
                   repr(focused(root) and focused(root)[1:3]))
    except (TimeoutError, ValueError, AttributeError, IndexError, TypeError, subprocess.CalledProcessError) as e:
        tap.ok(False, str(e), "\n".join(app.stderr()[-20:]))
    finally:
        app.stop()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
