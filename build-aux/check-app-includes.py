#!/usr/bin/env python3
# Checks how the app's source files include each other (src/app):
#
#  1. No circles.  A type's files (ud-foo.c, ud-foo.h, ud-foo-private.h and
#     the files that split it, ud-foo-bar.c when there is no ud-foo-bar.h)
#     are one unit; a unit uses another when one of its files includes the
#     other's header.  No unit may come back to itself that way, directly
#     (A uses B, B uses A) or round a longer circle.
#  2. Layers.  widgets/ uses widgets/ only; a section folder (members/,
#     relief/, …) uses widgets/ and itself, never another section or the
#     shell; the shell (src/app itself) uses anything.  meson builds each
#     folder with only those headers in view, so a wrong include does not
#     compile; this says why, in words, and catches it before a build.
#
# Core headers (src/core) are not app units and are not followed.
#
# Usage: check-app-includes.py SOURCE_ROOT
# Prints every circle and every include across layers; exits 1 if any.
#
# Copyright 2026 The UnionDesk developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)
SHARED = 'widgets'
SHELL = '.'


def app_files(app_dir):
    """{relative path: folder} of the app's .c and .h files."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(app_dir):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(('.c', '.h')):
                rel = os.path.relpath(os.path.join(dirpath, name), app_dir)
                found[rel] = os.path.dirname(rel) or SHELL
    return found


def unit_of(name, headers):
    """The unit a file belongs to: its stem, less '-private' and less the
    dashed tails of a split file, down to a stem that has a header."""
    stem = os.path.splitext(name)[0]
    if stem.endswith('-private'):
        stem = stem[:-len('-private')]
    candidate = stem
    while candidate not in headers and '-' in candidate:
        candidate = candidate.rsplit('-', 1)[0]
    return candidate if candidate in headers else stem


def find_circles(edges):
    """Tarjan's strongly connected components of more than one unit, each
    with one circle through it for the message."""
    index = {}
    low = {}
    stack = []
    on_stack = set()
    components = []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return components


def circle_through(component, edges):
    """A shortest path from the component's first unit back to itself."""
    start = component[0]
    members = set(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(edges.get(node, ())):
            if target == start:
                return paths[node] + [start]
            if target in members and target not in paths:
                paths[target] = paths[node] + [target]
                queue.append(target)
    return component


def main():
    if len(sys.argv) != 2:
        sys.exit('Usage: check-app-includes.py SOURCE_ROOT')
    app_dir = os.path.join(sys.argv[1], 'src', 'app')
    files = app_files(app_dir)
    headers = {}       # header stem -> folder
    for rel, folder in files.items():
        name = os.path.basename(rel)
        if name.endswith('.h') and not name.endswith('-private.h'):
            headers[os.path.splitext(name)[0]] = folder

    edges = {}         # unit -> units it uses
    why = {}           # (unit, unit) -> 'file includes header'
    problems = []
    for rel, folder in sorted(files.items()):
        name = os.path.basename(rel)
        unit = unit_of(name, headers)
        with open(os.path.join(app_dir, rel), encoding='utf-8') as f:
            text = f.read()
        for included in INCLUDE.findall(text):
            base = os.path.basename(included)
            if not base.endswith('.h'):
                continue
            target = unit_of(base, headers)
            if target not in headers:
                continue   # a core header, config.h, a generated one
            target_folder = headers[target]
            if folder != SHELL and target_folder not in (folder, SHARED):
                if folder == SHARED:
                    rule = 'widgets/ may use widgets/ only'
                else:
                    rule = f'{folder}/ may use widgets/ and {folder}/ only'
                shown = target_folder if target_folder != SHELL else 'the shell'
                problems.append(f'src/app/{rel} includes {base} ({shown}): {rule}')
            if target != unit:
                edges.setdefault(unit, set()).add(target)
                why.setdefault((unit, target), f'{rel} includes {base}')

    for component in find_circles(edges):
        circle = circle_through(component, edges)
        steps = [why[(a, b)] for a, b in zip(circle, circle[1:])]
        problems.append('circle ' + ' → '.join(circle) + ': ' + '; '.join(steps))

    units = len(set(unit_of(os.path.basename(r), headers) for r in files))
    if problems:
        for problem in problems:
            print(problem)
        print(f'{len(problems)} problem(s) in {units} units of src/app')
        return 1
    print(f'{units} units of src/app, {sum(len(t) for t in edges.values())} uses between them: '
          'no circle, no include across layers')
    return 0


if __name__ == '__main__':
    sys.exit(main())
