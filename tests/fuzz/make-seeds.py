#!/usr/bin/env python3
# make-seeds.py — writes the seed corpora of tests/fuzz/corpus/ that are
# not copies of tests/files/: the regression inputs of issue 12 and a few
# well-formed inputs to start from.  Run from the project root:
#     python3 tests/fuzz/make-seeds.py [UNIONDESK-CLI]
# With the CLI, it also makes the backup seeds (a small office database,
# and the same changed as issue 12 found backups changed).
#
# Copyright 2026 The UnionDesk developers
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

root = os.path.join('tests', 'fuzz', 'corpus')


def put(target, name, data):
    os.makedirs(os.path.join(root, target), exist_ok=True)
    mode = 'wb' if isinstance(data, bytes) else 'w'
    with open(os.path.join(root, target, name), mode) as f:
        f.write(data)


def copy(target, pattern):
    for path in sorted(glob.glob(pattern)):
        os.makedirs(os.path.join(root, target), exist_ok=True)
        shutil.copy(path, os.path.join(root, target, os.path.basename(path)))


MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'


def xlsx(rows_xml):
    with tempfile.NamedTemporaryFile(suffix='.xlsx') as f:
        with zipfile.ZipFile(f.name, 'w', zipfile.ZIP_DEFLATED) as z:
            z.writestr('_rels/.rels', '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % (PKG, REL))
            z.writestr('xl/workbook.xml', '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % (MAIN, REL))
            z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % (PKG, REL))
            z.writestr('xl/worksheets/sheet1.xml', '<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (MAIN, rows_xml))
        with open(f.name, 'rb') as g:
            return g.read()


def inline_row(cells, r=None):
    attr = ' r="%d"' % r if r else ''
    return '<row%s>%s</row>' % (attr, ''.join('<c t="inlineStr"><is><t>%s</t></is></c>' % c for c in cells))


# CSV: the sample rosters, and cells Excel would run as formulas.
copy('csv', 'tests/files/*.csv')
put('csv', 'formulas.csv', '姓名,身份证号,工作单位,备注\r\n=HYPERLINK("http://x/"&B2),110105194912310026,@SUM(A1),+1\r\n')

# Excel: the sample workbooks, one value in row 1,000,000 (a million empty
# rows before it), and 5,000 tiny rows (the 1.9 M-row workbook, smaller).
copy('xlsx', 'tests/files/*.xlsx')
put('xlsx', 'far-row.xlsx', xlsx(inline_row(['姓名', '身份证号', '工作单位']) + '<row r="1000000"><c r="A1000000"><v>1</v></c></row>'))
put('xlsx', 'tiny-rows.xlsx', xlsx(inline_row(['姓名', '身份证号', '工作单位']) + inline_row(['a']) * 5000))

# Relief JSON: the CLI's cases, the shipped tables, and JSON nested
# 100,000 deep (it crashed relief quote, apply and reference add).
copy('relief-json', 'tests/cli/relief/*.case.json')
copy('relief-json', 'data/reference/*.json')
put('relief-json', 'deep-100000.json', '{"date":' + '[' * 100000 + ']' * 100000 + '}')
put('relief-json', 'nul-escape.json', '{"date": "2024-09-01\\u0000", "relation": "self"}')

# Hardship JSON: the CLI's cases (hardship quote), the shipped category
# rules, JSON nested 100,000 deep, amounts past what a fen count holds,
# and a NUL inside a string.
copy('hardship-json', 'tests/cli/hardship/case-*.json')
copy('hardship-json', 'data/reference/hardship-rules.json')
put('hardship-json', 'deep-100000.json', '{"date":' + '[' * 100000 + ']' * 100000 + '}')
put('hardship-json', 'huge-amounts.json',
    '{"date": "2024-09-01", "employment": "urban", "household": {"size": 1, "income_12m": "92233720368547758.07"},'
    ' "rigid_expenses": {"medical": "92233720368547758.07", "education": "92233720368547758.07",'
    ' "disability_care": "92233720368547758.07", "work": "92233720368547758.07"}, "losses": "92233720368547758.07",'
    ' "exclusions": {"two_homes": false, "employs_others": false, "private_school": false}}')
put('hardship-json', 'household-huge.json',
    '{"date": "2024-09-01", "employment": "migrant", "employed_months": 4294967296,'
    ' "household": {"size": 4294967297, "income_12m": "-0.01"},'
    ' "rigid_expenses": {"medical": "0", "education": "0", "disability_care": "0", "work": "0"}, "losses": "0",'
    ' "exclusions": {"two_homes": false, "employs_others": false, "private_school": false}}')
put('hardship-json', 'nul-escape.json', '{"date": "2024-09-01\\u0000", "employment": "urban"}')

# Sync, the client's side: pull pages; an empty list (memcpy from NULL).
member = ('{"kind":"member","uuid":"01890a5d-ac96-774b-bcce-b302099a8060","district":"110118",'
          '"hlc":"0000018f0a5dac96-0000-aaaaaaaaaaaa","base_hlc":null,"deleted":false,'
          '"data":{"name":"朱明敏","sex":"F","id_number":"11010519491231002X","birth_date":"1949-12-31",'
          '"phone":null,"unit":"密云建材","joined_on":"2015-03-08","card_number":null,'
          '"employment":"in_service","status":"active","model_worker":null,"model_worker_body":null,'
          '"model_worker_year":null,"honours":null,"notes":null},"seq":1}')
put('sync-client', 'page-member.json', '{"protocol":1,"changes":[%s],"conflicts":[],"flags":[],"next":1,"more":false}' % member)
put('sync-client', 'page-empty.json', '{"protocol":1,"changes":[],"conflicts":[],"flags":[],"next":0,"more":false}')
put('sync-client', 'page-deep.json', '{"protocol":1,"changes":' + '[' * 100 + ']' * 100 + '}')

# Sync, the server's side: push bodies.
push = '{"protocol":1,"client":"01890a5d-ac96-774b-bcce-b302099a8061","batch":"01890a5d-ac96-774b-bcce-b302099a8062","changes":[%s]}'
put('sync-server', 'push-member.json', push % member.replace(',"seq":1', ''))
put('sync-server', 'push-empty.json', push % '')
put('sync-server', 'push-deep.json', push % ('[' * 1000 + ']' * 1000))
put('sync-server', 'push-nul.json', push % '{"kind":"member","uuid":"x\\u0000"}')

# Issue 12, defect 1: records no editor would have saved, pushed and
# pulled — a member with a wrong check digit, sex X, joined 2019-13-45,
# status flying; an application paid 9,000,000.00, created, reviewed and
# decided by one clerk, without a trail and with one that clerk took.
forged_member = ('{"kind":"member","uuid":"01890a5d-ac96-774b-bcce-b302099a8070","district":"110118",'
                 '"hlc":"0000018f0a5dac96-0000-bbbbbbbbbbbb","base_hlc":null,"deleted":false,'
                 '"data":{"name":"冒名会员","sex":"X","id_number":"110105199001080167","unit":"密云建材",'
                 '"joined_on":"2019-13-45","status":"flying"}}')
forged_application = ('{"kind":"illness_application","uuid":"01890a5d-ac96-774b-bcce-b302099a8071","district":"110118",'
                      '"hlc":"0000018f0a5dac97-0000-bbbbbbbbbbbb","base_hlc":null,"deleted":false,'
                      '"data":{"serial":"大病-110118-2025-09-0001","member_uuid":"01890a5d-ac96-774b-bcce-b302099a8060",'
                      '"member_name":"朱明敏","id_number":"11010519491231002X","fund_year":2025,'
                      '"application_date":"2025-09-01","relation":"self","disease":"D01","total":15630000,'
                      '"household_size":3,"household_income":6000000,"status":"paid","created_by":"li",'
                      '"reviewed_by":"li","decided_by":"li","decided_on":"2025-09-02","approved_amount":900000000,'
                      '"paid_on":"2025-09-03","payment_method":"bank","receipt_number":"R-1"}}')
one_clerk_trail = ','.join(
    '{"kind":"workflow_step","uuid":"01890a5d-ac96-774b-bcce-b302099a808%d","district":"110118",'
    '"hlc":"0000018f0a5dac98-000%d-bbbbbbbbbbbb","base_hlc":null,"deleted":false,'
    '"data":{"record_kind":"illness_application","record_uuid":"01890a5d-ac96-774b-bcce-b302099a8071",'
    '"step":"%s","actor":"li","at":"2025-09-0%dT08:00:00Z","opinion":"同意","signed_on":"2025-09-0%d"}}'
    % (n, n, step, 1 + n // 2, 1 + n // 2)
    for n, step in enumerate(('create', 'submit', 'review', 'approve', 'pay')))
page = '{"protocol":1,"changes":[%s],"conflicts":[],"flags":[],"next":1,"more":false}'
put('sync-client', 'page-forged-member.json', page % forged_member)
put('sync-client', 'page-forged-application.json', page % forged_application)
put('sync-client', 'page-forged-trail.json', page % (forged_application + ',' + one_clerk_trail))
put('sync-server', 'push-forged-member.json', push % forged_member)
put('sync-server', 'push-forged-application.json', push % forged_application)
put('sync-server', 'push-forged-trail.json', push % (forged_application + ',' + one_clerk_trail))


def audit_hash(prev, entry_id, fields):
    """ud_audit_entry_hash () of src/core/util/ud-audit-hash.c."""
    h = hashlib.sha256(b'ud-audit-1|' + prev.encode() + b'|%d' % entry_id)
    for value in fields:
        if value is None:
            h.update(b'|N')
        else:
            data = value.encode()
            h.update(b'|S%d:' % len(data) + data)
    return h.hexdigest()


names = ('at', 'actor', 'action', 'kind', 'uuid', 'field', 'old_value', 'new_value', 'detail')
entries, prev = [], ''
for entry_id, actor in ((1, 'admin'), (2, 'li'), (3, 'wang')):
    fields = ['2026-12-01T08:00:00Z', actor, 'update', 'member', '01890a5d-ac96-774b-bcce-b302099a8060',
              'phone', '13800000000', '13911112222', None]
    prev = audit_hash(prev, entry_id, fields)
    entry = {'id': entry_id}
    entry.update(zip(names, fields))
    entry['hash'] = prev
    entries.append(entry)
put('sync-server', 'push-audit.json',
    '{"protocol":1,"client":"01890a5d-ac96-774b-bcce-b302099a8061","batch":"01890a5d-ac96-774b-bcce-b302099a8064",'
    '"changes":[],"audit":%s}' % json.dumps(entries, ensure_ascii=False, separators=(',', ':')))

# Backups: a small office database, and the same changed as the backups
# that check and restore accepted (issue 12).
if len(sys.argv) > 1:
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'office.db')
        subprocess.run([cli, '--db', db, 'init', '--district', '110118', '--office', '密云区总工会'],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([cli, '--db', db, 'import', 'members', 'tests/files/roster-utf8.csv'],
                       check=True, stdout=subprocess.DEVNULL)
        good = os.path.join(tmp, 'backup.db')
        subprocess.run([cli, '--db', db, 'backup', good], check=True, stdout=subprocess.DEVNULL)
        c = sqlite3.connect(good)
        c.execute('PRAGMA page_size = 1024')
        c.execute('VACUUM')
        c.close()
        variants = {
            'good.db': None,
            'no-member.db': 'PRAGMA foreign_keys = OFF; DROP TABLE member;',
            'no-triggers.db': 'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;',
            'forgetting-trigger.db': 'CREATE TRIGGER audit_log_forget AFTER INSERT ON audit_log BEGIN DELETE FROM audit_log WHERE id = NEW.id; END;',
            'forged-entry.db': "INSERT INTO audit_log (at, actor, action, hash) VALUES ('2026-01-01T00:00:00Z', 'x', 'sign_in', printf ('%064d', 0));",
        }
        for name, sql in variants.items():
            path = os.path.join(tmp, name)
            shutil.copy(good, path)
            if sql:
                c = sqlite3.connect(path)
                c.executescript(sql)
                c.commit()
                c.close()
            with open(path, 'rb') as f:
                put('backup', name, f.read())
