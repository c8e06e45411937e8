#!/usr/bin/env python3
# Checks po/POTFILES.in against the tree: every file under src/ and ui/ (and the
# desktop, metainfo and schema files in data/) that has translatable strings
# must be listed (or named in po/POTFILES.skip), every listed file must exist,
# and the list must be sorted.
#
# With --translation LANG it checks po/LANG.po instead: every string that the
# files in POTFILES.in hold today is translated, none fuzzy, and msgfmt --check
# accepts the file (printf formats match).
#
# Usage: check-potfiles.py [--translation LANG] SOURCE_ROOT
#
# Copyright 2026 The UnionDesk developers
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The keywords of meson's i18n 'glib' preset; xgettext keeps its own defaults
# (gettext, ngettext, pgettext, …) on top of these.
XGETTEXT_KEYWORDS = [
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
]

PACKAGE = 'uniondesk'
SCANNED_DIRS = ('src', 'ui')
SCANNED_SUFFIXES = ('.c', '.h', '.ui')
DATA_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')


def read_potfiles(path):
    """Return the entries of POTFILES.in in file order, without comments."""
    entries = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#') or line.startswith('['):
                continue
            entries.append(line)
    return entries


def candidate_files(root):
    found = []
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(SCANNED_SUFFIXES):
                    found.append(os.path.relpath(os.path.join(dirpath, name), root))
    data = os.path.join(root, 'data')
    if os.path.isdir(data):
        for name in sorted(os.listdir(data)):
            if name.endswith(DATA_SUFFIXES):
                found.append(os.path.join('data', name))
    return found


def tool(name):
    path = shutil.which(name)
    if path is None:
        sys.exit(f'{name} is missing: install the Debian package "gettext".')
    return path


def run(args, cwd=None):
    proc = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        sys.exit(f'{os.path.basename(args[0])} failed (see above).')
    return proc


def extract(root, files, potfile, extra_args=()):
    """Write the template of FILES' translatable strings to POTFILE."""
    with open(potfile + '.files', 'w', encoding='utf-8') as f:
        f.write('\n'.join(files) + '\n')
    run([tool('xgettext'), '--from-code=UTF-8', '--add-comments', '--no-wrap',
         '--force-po', '-o', potfile, '-f', potfile + '.files']
        + list(extra_args) + XGETTEXT_KEYWORDS, cwd=root)


def files_with_strings(root, files):
    """Ask xgettext itself which of FILES hold translatable strings."""
    if not files:
        return set()
    with_strings = set()
    with tempfile.TemporaryDirectory() as tmp:
        potfile = os.path.join(tmp, 'scan.pot')
        extract(root, files, potfile, ['--add-location=file'])
        with open(potfile, encoding='utf-8') as f:
            for line in f:
                if line.startswith('#: '):
                    with_strings.update(line[3:].split())
    return with_strings


def statistics(msgfmt, pofile):
    """Return (translated, fuzzy, untranslated) as msgfmt --check counts them."""
    proc = run([msgfmt, '--check', '--statistics', '-o', os.devnull, pofile])
    counts = {}
    for number, kind in re.findall(r'(\d+) (translated|fuzzy|untranslated)', proc.stderr):
        counts[kind] = int(number)
    return counts.get('translated', 0), counts.get('fuzzy', 0), counts.get('untranslated', 0)


def unfinished_messages(pofile):
    """Return [(why, msgid)] for the fuzzy and untranslated messages of POFILE."""
    def unquote(text):
        return text.strip()[1:-1]

    todo = []
    entry = {}

    def finish():
        msgid = entry.get('msgid', '')
        if msgid:
            strings = [v for k, v in entry.items() if k.startswith('msgstr')]
            if entry.get('fuzzy'):
                todo.append(('fuzzy', msgid))
            elif not strings or any(v == '' for v in strings):
                todo.append(('untranslated', msgid))
        entry.clear()

    key = None
    with open(pofile, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('#~') or not line.strip():
                continue
            if line.startswith('#'):
                if key is not None and key != 'comment':
                    finish()
                key = 'comment'
                if line.startswith('#,') and 'fuzzy' in line:
                    entry['fuzzy'] = True
                continue
            if line.startswith('"'):
                entry[key] += unquote(line)
                continue
            word, _, rest = line.partition(' ')
            if word in ('msgctxt', 'msgid') and key not in (None, 'comment', 'msgctxt'):
                finish()
            key = word
            entry[key] = unquote(rest)
    finish()
    return todo


def check_translation(root, lang):
    """po/LANG.po must translate every string the listed files hold today."""
    pofile = os.path.join(root, 'po', lang + '.po')
    if not os.path.isfile(pofile):
        print(f'po/{lang}.po does not exist although po/LINGUAS names {lang}.')
        return 1
    msgfmt = tool('msgfmt')
    problems = []

    translated, fuzzy, untranslated = statistics(msgfmt, pofile)
    if fuzzy or untranslated:
        problems.append(f'po/{lang}.po itself has {fuzzy} fuzzy and {untranslated} untranslated messages.')

    # A listed file that is gone is the POTFILES check's business, not ours.
    entries = [e for e in read_potfiles(os.path.join(root, 'po', 'POTFILES.in'))
               if os.path.isfile(os.path.join(root, e))]
    if entries:
        with tempfile.TemporaryDirectory() as tmp:
            potfile = os.path.join(tmp, 'current.pot')
            merged = os.path.join(tmp, lang + '.po')
            extract(root, entries, potfile)
            run([tool('msgmerge'), '--quiet', '--no-fuzzy-matching', '--no-wrap',
                 '-o', merged, pofile, potfile])
            translated, fuzzy, untranslated = statistics(msgfmt, merged)
            if fuzzy or untranslated:
                todo = unfinished_messages(merged)
                problems.append(f'The sources hold {fuzzy + untranslated} messages that po/{lang}.po '
                                f'does not translate yet ({translated} are translated):')
                problems.extend(f'  {what}: "{msgid}"' for what, msgid in todo[:40])
                if len(todo) > 40:
                    problems.append(f'  … and {len(todo) - 40} more')

    if problems:
        for problem in problems:
            print(problem)
        print(f'Update the catalogue with "ninja -C BUILDDIR {PACKAGE}-pot {PACKAGE}-update-po", '
              f'then translate every new message in po/{lang}.po and remove the fuzzy flags.')
        return 1
    print(f'po/{lang}.po translates all {translated} messages of the sources.')
    return 0


def check_potfiles(root):
    potfiles_in = os.path.join(root, 'po', 'POTFILES.in')
    problems = []

    entries = read_potfiles(potfiles_in)
    listed = set(entries)
    # Files whose strings are deliberately not translated (as in GNOME's po/).
    potfiles_skip = os.path.join(root, 'po', 'POTFILES.skip')
    skipped = set(read_potfiles(potfiles_skip)) if os.path.isfile(potfiles_skip) else set()

    for entry in entries:
        if not os.path.isfile(os.path.join(root, entry)):
            problems.append(f'po/POTFILES.in lists {entry}, which does not exist.')

    seen = set()
    for entry in entries:
        if entry in seen:
            problems.append(f'po/POTFILES.in lists {entry} twice.')
        seen.add(entry)

    for before, after in zip(entries, entries[1:]):
        if after < before:
            problems.append(f'po/POTFILES.in is not sorted: {after} comes after {before}.')
            break

    candidates = candidate_files(root)
    with_strings = files_with_strings(root, candidates)
    for path in sorted(with_strings - listed - skipped):
        problems.append(f'{path} has translatable strings but is missing from po/POTFILES.in.')

    for entry in entries:
        if entry in candidates and entry not in with_strings:
            print(f'note: {entry} is listed but has no translatable strings.')

    if problems:
        for problem in problems:
            print(problem)
        print('Fix po/POTFILES.in (one path per line, sorted as by "LC_ALL=C sort").')
        return 1
    print(f'po/POTFILES.in is complete: {len(entries)} files.')
    return 0


def main():
    parser = argparse.ArgumentParser(description='Check po/POTFILES.in or a translation.')
    parser.add_argument('--translation', metavar='LANG',
                        help='check that po/LANG.po translates every message of the sources')
    parser.add_argument('source_root')
    args = parser.parse_args()
    root = os.path.abspath(args.source_root)
    if args.translation:
        return check_translation(root, args.translation)
    return check_potfiles(root)


if __name__ == '__main__':
    sys.exit(main())
