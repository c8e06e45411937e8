#!/usr/bin/env python3
# make-xlsx.py — writes the hand-made workbooks that test-xlsx reads
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# These workbooks are NOT made by libxlsxwriter (which ud_xlsx_write uses),
# so the reader is tested against XML it did not write: shared strings with
# rich-text runs and phonetic guides, inline strings, numbers, dates in
# built-in and custom formats, an 18-digit ID number that Excel turned into
# a float, empty cells and rows, a hidden first sheet, sheets listed in a
# different order from their file names, a namespace prefix, the 1904 date
# system. The data is fictitious; ID numbers have valid check characters.
#
# Run from this folder:  python3 make-xlsx.py
# Output is reproducible (fixed timestamps), so the committed files only
# change when this script does.

import datetime
import zipfile

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_TYPE = REL_NS

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def serial_1900(year, month, day):
    """Excel's 1900-system serial for a date after 1900-02-28."""
    return (datetime.date(year, month, day) - datetime.date(1899, 12, 30)).days


def serial_1904(year, month, day):
    return (datetime.date(year, month, day) - datetime.date(1904, 1, 1)).days


def content_types(sheets, shared_strings):
    parts = [
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
    ]
    for name in sheets:
        parts.append(
            f'<Override PartName="/xl/worksheets/{name}" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
    if shared_strings:
        parts.append(
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    return (XML_DECL +
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' +
            "".join(parts) + '</Types>')


ROOT_RELS = (XML_DECL +
             f'<Relationships xmlns="{PKG_REL_NS}">'
             f'<Relationship Id="rId1" Type="{REL_TYPE}/officeDocument" '
             'Target="xl/workbook.xml"/>'
             '</Relationships>')


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


# --- roster-handmade.xlsx ------------------------------------------------

HEADER = ["姓名", "性别", "身份证号", "手机号", "工作单位", "入会日期",
          "会员卡号", "用工性质", "劳模称号", "备注"]

# Shared strings: index → <si> content. The name of row 2 is split into two
# rich-text runs, and carries a phonetic guide that must not be read.
SHARED = [f"<t>{h}</t>" for h in HEADER] + [
    # 10: rich text runs and a phonetic guide
    '<r><rPr><b/><sz val="11"/></rPr><t>王</t></r>'
    '<r><rPr><sz val="11"/></rPr><t>建国</t></r>'
    '<rPh sb="0" eb="1"><t>wang</t></rPh>',
    "<t>男</t>",                       # 11
    "<t>11010119780315031X</t>",       # 12
    "<t>合同制</t>",                   # 13
    "<t>李秀兰</t>",                   # 14
    "<t>女</t>",                       # 15
    "<t>劳务派遣</t>",                 # 16
    '<t xml:space="preserve">夜班\n住址变更_x000D_</t>',  # 17
    "<t>621700102850722422</t>",       # 18
    "<t>张伟</t>",                     # 19
    "<t/>",                            # 20: an empty string
    "<t>陈志强</t>",                   # 21
    "<t>下划线_x005F_x0041_照写</t>",  # 22: an escaped "_x0041_"
]

STYLES = (XML_DECL +
          f'<styleSheet xmlns="{MAIN_NS}">'
          '<numFmts count="2">'
          '<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
          '<numFmt numFmtId="165" formatCode="h:mm;@"/>'
          '</numFmts>'
          '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
          '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
          '<borders count="1"><border/></borders>'
          '<cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellStyleXfs>'
          '<cellXfs count="5">'
          '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'        # 0 General
          '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'  # 1 date
          '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'  # 2 custom date
          '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'  # 3 text
          '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1">'
          '<alignment horizontal="center"/></xf>'                                  # 4 time
          '</cellXfs>'
          '</styleSheet>')


def s(ref, index, style=None):
    st = f' s="{style}"' if style is not None else ""
    return f'<c r="{ref}"{st} t="s"><v>{index}</v></c>'


def n(ref, value, style=None):
    st = f' s="{style}"' if style is not None else ""
    return f'<c r="{ref}"{st}><v>{value}</v></c>'


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet(rows):
    return (XML_DECL +
            f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
            '<dimension ref="A1:J9"/>'
            '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
            '<sheetFormatPr defaultRowHeight="14.25"/>'
            '<sheetData>' + "".join(rows) + '</sheetData>'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            '</worksheet>')


ROSTER_ROWS = [
    '<row r="1" spans="1:10">' +
    "".join(s(f"{chr(ord('A') + i)}1", i) for i in range(10)) + '</row>',

    # Row 2: rich-text name; phone as a number (exact); ID as text; date
    # 2008-05-12 in built-in format 14; the 18-digit card number typed as a
    # number, which Excel keeps as 6.21700101780315E+17; no remark.
    '<row r="2" spans="1:10">' +
    s("A2", 10) + s("B2", 11) + s("C2", 12) + n("D2", 13801012345) +
    inline("E2", "北京青禾物业服务有限公司") +
    n("F2", serial_1900(2008, 5, 12), 1) +
    n("G2", "6.21700101780315E+17") +
    s("H2", 13) + inline("I2", "北京市劳动模范") + '</row>',

    # Row 3: the ID number typed as a number (digits lost); no phone (an
    # empty middle cell, absent from the XML); date in a custom Chinese
    # format; remark with a line break and an escaped CR.
    '<row r="3" spans="1:10">' +
    s("A3", 14) + s("B3", 15) + n("C3", "1.1010519491231E+17") +
    n("F3", serial_1900(2016, 3, 1), 2) + s("G3", 18) + s("H3", 16) +
    s("J3", 17) + '</row>',

    # Row 4 is missing: an empty row in the middle.

    # Row 5: a formatted cell with no value in the middle, an empty shared
    # string, a boolean, a formula with a cached string result, a time.
    '<row r="5" spans="1:10">' +
    s("A5", 19) + s("B5", 11) + inline("C5", "110105199001080158") +
    '<c r="D5" s="3"/>' + s("E5", 20) +
    n("F5", serial_1900(2019, 11, 20), 1) +
    '<c r="G5" t="b"><v>1</v></c>' +
    '<c r="H5" t="str"><f>"合同"&amp;"制"</f><v>合同制</v></c>' +
    n("I5", "0.5", 4) + n("J5", "0.30000000000000004") + '</row>',

    # Row 6: cells without references (some writers omit them); an error
    # value; the card number typed as a number again, after the empty row
    # 4; an escaped underscore; a number with a decimal part.
    '<row r="6">' +
    '<c t="s"><v>21</v></c>' + '<c t="s"><v>11</v></c>' +
    '<c t="inlineStr"><is><t>110108196905040779</t></is></c>' +
    '<c><v>13701056789</v></c>' + '<c t="e"><v>#N/A</v></c>' +
    f'<c s="1"><v>{serial_1900(1995, 9, 1)}</v></c>' +
    '<c><v>6.21700108690504E+17</v></c>' +
    '<c t="s"><v>22</v></c>' + '<c><v>1.5</v></c>' + '</row>',

    # Rows 8 and 9: only formatting, no value; they must be dropped.
    '<row r="8"><c r="A8" s="1"/><c r="B8" s="3"/></row>',
    '<row r="9" spans="1:10"/>',
]

ROSTER_SHARED = (XML_DECL +
                 f'<sst xmlns="{MAIN_NS}" count="{len(SHARED)}" uniqueCount="{len(SHARED)}">' +
                 "".join(f"<si>{x}</si>" for x in SHARED) + '</sst>')

NOTES_SHEET = sheet(['<row r="1">' + inline("A1", "填表说明：这不是名册") + '</row>'])
OPTIONS_SHEET = sheet(['<row r="1">' + inline("A1", "合同制") + inline("B1", "劳务派遣") + '</row>'])

# The hidden drop-down sheet comes first in workbook order, then the
# roster, whose file is sheet2.xml (reached by an absolute target), then
# the notes, whose file is sheet1.xml.
ROSTER_WORKBOOK = (XML_DECL +
                   f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
                   '<workbookPr date1904="false"/>'
                   '<bookViews><workbookView activeTab="1"/></bookViews>'
                   '<sheets>'
                   '<sheet name="选项" sheetId="3" state="hidden" r:id="rId3"/>'
                   '<sheet name="会员名册" sheetId="2" r:id="rId2"/>'
                   '<sheet name="说明" sheetId="1" r:id="rId1"/>'
                   '</sheets>'
                   '</workbook>')

ROSTER_WORKBOOK_RELS = (XML_DECL +
                        f'<Relationships xmlns="{PKG_REL_NS}">'
                        f'<Relationship Id="rId1" Type="{REL_TYPE}/worksheet" Target="worksheets/sheet1.xml"/>'
                        f'<Relationship Id="rId2" Type="{REL_TYPE}/worksheet" Target="/xl/worksheets/sheet2.xml"/>'
                        f'<Relationship Id="rId3" Type="{REL_TYPE}/worksheet" Target="./worksheets/sheet3.xml"/>'
                        f'<Relationship Id="rId4" Type="{REL_TYPE}/styles" Target="styles.xml"/>'
                        f'<Relationship Id="rId5" Type="{REL_TYPE}/sharedStrings" Target="sharedStrings.xml"/>'
                        '</Relationships>')

write_zip("roster-handmade.xlsx", [
    ("[Content_Types].xml", content_types(["sheet1.xml", "sheet2.xml", "sheet3.xml"], True)),
    ("_rels/.rels", ROOT_RELS),
    ("xl/workbook.xml", ROSTER_WORKBOOK),
    ("xl/_rels/workbook.xml.rels", ROSTER_WORKBOOK_RELS),
    ("xl/styles.xml", STYLES),
    ("xl/sharedStrings.xml", ROSTER_SHARED),
    ("xl/worksheets/sheet1.xml", NOTES_SHEET),
    ("xl/worksheets/sheet2.xml", sheet(ROSTER_ROWS)),
    ("xl/worksheets/sheet3.xml", OPTIONS_SHEET),
])

# --- dates-1904.xlsx -----------------------------------------------------
# A workbook in the 1904 date system (old Mac Excel), without a shared
# strings part, written with an "x:" namespace prefix as some .NET
# libraries do.

DATES_1904_STYLES = (XML_DECL +
                     f'<x:styleSheet xmlns:x="{MAIN_NS}">'
                     '<x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs>'
                     '</x:styleSheet>')

DATES_1904_SHEET = (XML_DECL +
                    f'<x:worksheet xmlns:x="{MAIN_NS}"><x:sheetData>'
                    '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>入会日期</x:t></x:is></x:c></x:row>'
                    '<x:row r="2"><x:c r="A2" s="1"><x:v>0</x:v></x:c></x:row>'
                    f'<x:row r="3"><x:c r="A3" s="1"><x:v>{serial_1904(2008, 5, 12)}</x:v></x:c></x:row>'
                    f'<x:row r="4"><x:c r="A4" s="1"><x:v>{serial_1904(2016, 3, 1)}.75</x:v></x:c></x:row>'
                    '</x:sheetData></x:worksheet>')

DATES_1904_WORKBOOK = (XML_DECL +
                       f'<x:workbook xmlns:x="{MAIN_NS}" xmlns:r="{REL_NS}">'
                       '<x:workbookPr date1904="1"/>'
                       '<x:sheets><x:sheet name="Sheet1" sheetId="1" r:id="rId1"/></x:sheets>'
                       '</x:workbook>')

DATES_1904_RELS = (XML_DECL +
                   f'<Relationships xmlns="{PKG_REL_NS}">'
                   f'<Relationship Id="rId1" Type="{REL_TYPE}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId2" Type="{REL_TYPE}/styles" Target="styles.xml"/>'
                   '</Relationships>')

write_zip("dates-1904.xlsx", [
    ("[Content_Types].xml", content_types(["sheet1.xml"], False)),
    ("_rels/.rels", ROOT_RELS),
    ("xl/workbook.xml", DATES_1904_WORKBOOK),
    ("xl/_rels/workbook.xml.rels", DATES_1904_RELS),
    ("xl/styles.xml", DATES_1904_STYLES),
    ("xl/worksheets/sheet1.xml", DATES_1904_SHEET),
])
