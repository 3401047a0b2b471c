#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when the files of src/core include each other in a cycle.

A unit is a .c file with its headers: yp-foo.c, yp-foo.h and
yp-foo-private.h. Unit A depends on unit B when a file of A includes a
header of B. The core must be layered: no unit may depend on itself
through others (yp-event-list.c -> yp-cache.h -> yp-record.h ->
yp-event-list.h was one such loop). Prints each cycle found.

Usage: check-include-cycles.py SRC_CORE_DIR
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def unit_of(name):
    base = os.path.splitext(name)[0]
    return base[:-len('-private')] if base.endswith('-private') else base


def graph(core):
    files = [f for f in os.listdir(core) if f.endswith(('.c', '.h'))]
    units = {unit_of(f) for f in files}
    deps = {u: set() for u in units}
    for f in files:
        with open(os.path.join(core, f), encoding='utf-8') as fh:
            for inc in INCLUDE.findall(fh.read()):
                target = unit_of(os.path.basename(inc))
                if target in units and target != unit_of(f):
                    deps[unit_of(f)].add(target)
    return deps


def cycles(deps):
    """Each strongly connected component of more than one unit, by Tarjan."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = [0]

    def visit(u):
        index[u] = low[u] = counter[0]
        counter[0] += 1
        stack.append(u)
        on_stack.add(u)
        for v in sorted(deps[u]):
            if v not in index:
                visit(v)
                low[u] = min(low[u], low[v])
            elif v in on_stack:
                low[u] = min(low[u], index[v])
        if low[u] == index[u]:
            component = []
            while True:
                v = stack.pop()
                on_stack.discard(v)
                component.append(v)
                if v == u:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for u in sorted(deps):
        if u not in index:
            visit(u)
    return found


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    deps = graph(sys.argv[1])
    found = cycles(deps)
    for component in found:
        members = set(component)
        edges = ', '.join(f'{u} -> {v}' for u in component for v in sorted(deps[u] & members))
        print(f'include cycle among {", ".join(component)}: {edges}')
    if not found:
        print(f'no include cycle among the {len(deps)} units of {sys.argv[1]}')
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
