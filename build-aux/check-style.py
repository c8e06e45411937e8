#!/usr/bin/env python3
# Checks the C lines a change adds or alters against the house style
# (../shared/STYLE.md, HACKING.md), and only those: code that was there
# before is not reported.
#
# clang-format 14 (Debian 12) cannot write our GNU style — it joins the
# parameters of a definition that fit on one line, aligns the names of
# parameters one column short of the widest "**", aligns local
# declarations, and writes _ ("…") — so the project has no .clang-format;
# this checks the rules that can be read off a line:
#
#   - no tab, no trailing space;
#   - a space before the "(" of a call or a macro — except _(), N_(), C_(),
#     NC_(), Q_(), the g_auto*() declarations and defined();
#   - a function definition's return type on a line of its own;
#   - GNU braces: "{" on a line of its own, not after "if (…)", "else",
#     "for", "while", "switch" or "do";
#   - no "//" comments.
#
# Usage:
#   build-aux/check-style.py [BASE]      lines changed since BASE (default:
#                                        the merge base with main), plus
#                                        uncommitted ones
#   build-aux/check-style.py --all FILE… every line of the files
# Prints "file:line: problem" for each; exits 1 if there is any.
#
# Copyright 2026 The UnionDesk developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys

NO_SPACE_CALLS = {'_', 'N_', 'C_', 'NC_', 'Q_', 'g_autoptr', 'g_auto', 'g_autolist',
                  'g_autoslist', 'g_autoqueue', 'defined'}
KEYWORDS_BEFORE_PAREN = {'if', 'for', 'while', 'switch', 'return', 'sizeof', 'case'}
CALL = re.compile(r'\b([A-Za-z_][A-Za-z0-9_]*)\(')
# A line at column 0 with a type, then a name and "(": a prototype or a
# definition written on one line (the definition's type goes on a line of
# its own).
TYPE_AND_NAME = re.compile(r'^[A-Za-z_][A-Za-z0-9_ ]*[ *]\**[a-z_][a-z0-9_]*\s*\(')
BRACE_AFTER_CONTROL = re.compile(r'^\s*(?:\}\s*)?(?:if|else|for|while|switch|do)\b.*\{\s*$')


def code_only(text):
    """@text with the insides of comments, strings and characters blanked
    (line breaks kept), so that the checks read code only."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if text.startswith('/*', i):
            end = text.find('*/', i + 2)
            end = n if end < 0 else end + 2
            out.append(''.join('\n' if ch == '\n' else ' ' for ch in text[i:end]))
            i = end
        elif text.startswith('//', i):
            out.append('//')
            i += 2
            while i < n and text[i] != '\n':
                out.append(' ')
                i += 1
        elif c in '"\'':
            out.append(c)
            i += 1
            while i < n and text[i] != c and text[i] != '\n':
                if text[i] == '\\' and i + 1 < n:
                    out.append('  ')
                    i += 2
                    continue
                out.append(' ')
                i += 1
            if i < n and text[i] == c:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def is_definition(code, number):
    """Whether the declaration starting on line @number (from 1) is a
    function's definition: a "{" at column 0 comes before any ";"."""
    for line in code[number - 1:]:
        if ';' in line:
            return False
        if line.startswith('{'):
            return True
    return False


def problems_of(path, wanted):
    """(line number, problem) for the lines of @path in @wanted (None: all)."""
    with open(path, encoding='utf-8', errors='replace') as f:
        raw = f.read().split('\n')
    code = code_only('\n'.join(raw)).split('\n')
    in_directive = False
    found = []
    for number, (line, bare) in enumerate(zip(raw, code), start=1):
        directive = in_directive or bare.lstrip().startswith('#')
        in_directive = directive and line.rstrip().endswith('\\')
        if wanted is not None and number not in wanted:
            continue
        if '\t' in line:
            found.append((number, 'a tab: indent with spaces'))
        if line != line.rstrip():
            found.append((number, 'trailing space'))
        if '//' in bare:
            found.append((number, 'a // comment: write /* … */'))
        if directive:
            continue
        for match in CALL.finditer(bare):
            name = match.group(1)
            if name in NO_SPACE_CALLS:
                continue
            if name in KEYWORDS_BEFORE_PAREN:
                found.append((number, f'a space after “{name}”'))
            else:
                found.append((number, f'a space before the “(” of {name} ()'))
        if BRACE_AFTER_CONTROL.match(bare):
            found.append((number, '“{” on a line of its own (GNU style)'))
        if TYPE_AND_NAME.match(bare) and is_definition(code, number):
            found.append((number, 'the return type on a line of its own'))
    return found


def changed_lines(base):
    """{path: set of line numbers} added or changed since @base, committed
    or not, in the C files."""
    diff = subprocess.run(['git', 'diff', '--unified=0', '--no-color', '--no-ext-diff',
                           base, '--', '*.c', '*.h'],
                          stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout
    changed = {}
    path = None
    for line in diff.split('\n'):
        if line.startswith('+++ '):
            path = line[6:] if line.startswith('+++ b/') else None
        elif line.startswith('@@') and path is not None:
            match = re.match(r'@@ -\S+ \+(\d+)(?:,(\d+))? @@', line)
            start, count = int(match.group(1)), int(match.group(2) or '1')
            changed.setdefault(path, set()).update(range(start, start + count))
    return changed


def main(argv):
    root = subprocess.run(['git', 'rev-parse', '--show-toplevel'], stdout=subprocess.PIPE,
                          universal_newlines=True, check=True).stdout.strip()
    os.chdir(root)
    if argv[:1] == ['--all']:
        targets = {path: None for path in argv[1:]}
    else:
        base = argv[0] if argv else subprocess.run(['git', 'merge-base', 'HEAD', 'main'],
                                                   stdout=subprocess.PIPE, universal_newlines=True,
                                                   check=True).stdout.strip()
        targets = changed_lines(base)
    count = 0
    for path in sorted(targets):
        if not os.path.exists(path):
            continue
        for number, problem in problems_of(path, targets[path]):
            print(f'{path}:{number}: {problem}')
            count += 1
    checked = sum(len(lines) if lines is not None else 1 for lines in targets.values())
    print(f'{count} problem(s) in {checked} {"lines" if not argv[:1] == ["--all"] else "files"} checked',
          file=sys.stderr)
    return 1 if count else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
