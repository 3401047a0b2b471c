#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest for what the docs promise of it (README.md
and the Flatpak section of docs/DESIGN.md).

Usage: check-manifest.py MANIFEST APP_ID
"""

import json
import sys


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        m = json.load(f)
    problems = []

    def expect(what, ok):
        if not ok:
            problems.append(what)

    expect(f"id is {app_id}", m.get("id") == app_id)
    expect("command is yeonpyo", m.get("command") == "yeonpyo")
    expect("runtime is org.gnome.Platform with its Sdk",
           m.get("runtime") == "org.gnome.Platform" and m.get("sdk") == "org.gnome.Sdk")
    # The sandbox gets a display and the GPU, nothing else: no network, no files.
    expect("finish-args are exactly ipc, wayland, fallback-x11 and dri",
           sorted(m.get("finish-args", [])) ==
           sorted(["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"]))
    # Translations inside the app, not in a .Locale extension that a
    # single-file bundle does not carry (the app would run in English).
    expect("separate-locales is false", m.get("separate-locales") is False)
    modules = [mod for mod in m.get("modules", []) if isinstance(mod, dict) and mod.get("name") == "yeonpyo"]
    expect("a yeonpyo module built with meson", len(modules) == 1 and modules[0].get("buildsystem") == "meson")
    if modules:
        expect("its tests run in the build", modules[0].get("run-tests") is True)
        expect("without the widget tests (no display there)", "-Dui_tests=false" in modules[0].get("config-opts", []))
        expect("without the crash injection of the fault tests", "-Dtest_hooks=disabled" in modules[0].get("config-opts", []))
    for p in problems:
        print(f"{path}: expected: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
