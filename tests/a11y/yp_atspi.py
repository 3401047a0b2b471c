# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers of the accessibility and keyboard tests: start the real app with
the accessibility bus on, find it in the AT-SPI registry, walk its tree as a
screen reader does, and report in TAP.

The tests run inside their own dbus-run-session (run-a11y.sh), so the
registry they see holds this app only."""

import gettext
import os
import re
import subprocess
import sys
import threading
import time

import pyatspi

HANGUL = re.compile("[\uac00-\ud7a3]")
# What GTK 4.8 names an object that has no name of its own: its class's,
# GTK's or ours.
CLASS_NAME = re.compile(r"^(Gtk|Yp)[A-Z][A-Za-z]*$")


class Tap:
    """TAP output: one line per check, and a plan at the end. run-a11y.sh
    hands the real stdout over as fd 3 (the session bus's daemons print on
    stdout, and TAP owns it)."""

    def __init__(self):
        self.n = 0
        self.failed = 0
        try:
            self.out = os.fdopen(3, "w", buffering=1)
        except OSError:
            self.out = sys.stdout

    def _print(self, line):
        print(line, file=self.out, flush=True)

    def ok(self, cond, what, detail=""):
        self.n += 1
        if cond:
            self._print(f"ok {self.n} - {what}")
        else:
            self.failed += 1
            self._print(f"not ok {self.n} - {what}")
            for line in str(detail).splitlines()[:40]:
                self._print(f"# {line}")
        return cond

    def note(self, text):
        for line in str(text).splitlines():
            self._print(f"# {line}")

    def done(self):
        self._print(f"1..{self.n}")
        return 1 if self.failed else 0


class App:
    """The app under test, with its stderr collected (the test-only dumps
    YEONPYO_TEST_A11Y asks for arrive there)."""

    def __init__(self, argv, lang, extra_env=None):
        env = dict(os.environ)
        # The suite turns accessibility off for the other tests.
        env.pop("GTK_A11Y", None)
        env.pop("NO_AT_BRIDGE", None)
        env["YEONPYO_TEST_A11Y"] = "1"
        if lang == "ko":
            env.pop("LC_ALL", None)
            env["LANG"] = "C.UTF-8"
            env["LANGUAGE"] = "ko"
        else:
            env["LC_ALL"] = "C.UTF-8"
            env["LANGUAGE"] = ""
        env.update(extra_env or {})
        # xvfb-run can return before its server takes connections.
        wait_for(lambda: subprocess.run(["xdotool", "getmouselocation"], capture_output=True).returncode == 0,
                 "the X display")
        self.retries = 0
        while True:
            self.lines = []
            self.lock = threading.Lock()
            self.proc = subprocess.Popen(argv, env=env, stderr=subprocess.PIPE,
                                         stdout=subprocess.DEVNULL, text=True)
            reader = threading.Thread(target=self._read, daemon=True)
            reader.start()
            # Now and then (about one start in five here) GTK cannot open
            # a fresh Xvfb display that xdotool has just opened; a second
            # start opens it. Anything else the app says is left to fail.
            try:
                self.proc.wait(3)
            except subprocess.TimeoutExpired:
                break
            reader.join(5)
            if self.retries == 2 or not any("cannot open display" in l for l in self.stderr()):
                break
            self.retries += 1

    def _read(self):
        for line in self.proc.stderr:
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def stderr(self):
        with self.lock:
            return list(self.lines)

    def last_dump(self, tag):
        """The last block the app printed between 'TAG begin' and 'TAG end'."""
        lines = self.stderr()
        block = None
        for i in range(len(lines) - 1, -1, -1):
            if lines[i] == f"{tag} end":
                block = []
                for j in range(i - 1, -1, -1):
                    if lines[j] == f"{tag} begin":
                        return list(reversed(block))
                    block.append(lines[j])
        return None

    def dumps(self, tag):
        return sum(1 for l in self.stderr() if l == f"{tag} end")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def wait_for(pred, what, limit=30.0):
    """Polls @pred until it returns something true; raises after @limit s.
    A deadline on waiting for the app, not a measure of its speed."""
    end = time.monotonic() + limit
    while True:
        try:
            r = pred()
        except Exception:  # objects vanish while the tree changes
            r = None
        if r:
            return r
        if time.monotonic() > end:
            raise TimeoutError(f"gave up waiting for {what}")
        time.sleep(0.1)


def find_app(pid):
    """The application object of process @pid (its name is translated)."""
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.get_process_id() == pid and app.childCount > 0:
            return app
    return None


def walk(acc, depth=0, path=()):
    """Every object under @acc as (acc, path, role, name, desc, states)."""
    try:
        role = acc.getRoleName()
        name = acc.name or ""
        desc = acc.description or ""
        states = set(acc.getState().getStates())
        n = acc.childCount
    except Exception:
        return
    yield acc, path, role, name, desc, states
    for i in range(n):
        try:
            c = acc.getChildAtIndex(i)
        except Exception:
            c = None
        if c is not None:
            yield from walk(c, depth + 1, path + ((role, name),))


def translator(lang):
    """gettext and ngettext for the app's own strings, from the build
    tree's catalogue."""
    podir = os.environ.get("YEONPYO_LOCALEDIR")
    if lang == "ko":
        t = gettext.translation("yeonpyo", localedir=podir, languages=["ko"])
        return t.gettext, t.ngettext
    return (lambda s: s), (lambda s, p, n: s if n == 1 else p)


def find(root, pred):
    for acc, path, role, name, desc, states in walk(root):
        if pred(role, name, desc, states):
            return acc
    return None


def card_title(root, _):
    """The title of the selected event as the card shows it (its second
    label), or None when no event is selected. @_ is the app's gettext,
    for the card's name."""
    card = find(root, lambda r, n, d, s: n == _("Selected event"))
    if card is None:
        return None
    labels = [n for _a, p, r, n, d, s in walk(card) if r == "label" and n]
    return labels[1] if len(labels) > 1 else None


def extents(acc):
    """(x, y, w, h) in the window's coordinates."""
    e = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return (e.x, e.y, e.width, e.height)


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True)


def xwindow(title="^(Yeonpyo|연표)$"):
    """The app's toplevel X window (Xvfb has no window manager: it has the
    keyboard focus once mapped, but keys are sent to it explicitly). A
    timeline other than the shipped one is named in the title: "Test —
    Yeonpyo"."""
    out = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", title],
                         capture_output=True, text=True, check=True).stdout.split()
    return out[0]
