#!/bin/sh
# test-room-photos-cli.sh — a room's photos on the command line: pictures
# copied beside the database under their content's name, once however
# often added; what is not a picture, too large or one too many refused
# in one sentence with nothing saved; `room show` lists the files;
# removed by name.
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-room-photos-cli.sh UNIONDESK-CLI LOCALE-DIR
# LOCALE-DIR holds the built translations (for the zh_CN messages).
# Output is TAP.

set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 UNIONDESK-CLI LOCALE-DIR" >&2
  exit 2
fi

cli=$1
UD_LOCALEDIR=$2
export UD_LOCALEDIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
db="$tmp/office.db"
count=0
failures=0

. "$(dirname "$0")/tap.sh"

run () {
  "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

one_sentence () {
  if [ "$rc" -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q "$2" "$tmp/err" && [ ! -s "$tmp/out" ]; then
    pass "$1"
  else
    fail "$1 (exit $rc)"
  fi
}

photos_of () {
  "$cli" --db "$db" room show 鼓楼母婴关爱室 --json > "$tmp/show.json"
  python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['photos'])" "$tmp/show.json"
}

# Pictures: two PNGs (one of them twice, under two names), a JPEG's start.
python3 - "$tmp" <<'EOF'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
def png(rgb):
    raw = b'\x00' + bytes(rgb)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
tmp = sys.argv[1]
open(tmp + '/green.png', 'wb').write(png((0, 255, 0)))
open(tmp + '/same-green.png', 'wb').write(png((0, 255, 0)))
open(tmp + '/blue.png', 'wb').write(png((0, 0, 255)))
open(tmp + '/door.jpg', 'wb').write(b'\xff\xd8\xff\xe0JFIF\x00')
open(tmp + '/notes.png', 'w').write('只是文字')
EOF
green=$(sha256sum "$tmp/green.png" | cut -d' ' -f1).png
blue=$(sha256sum "$tmp/blue.png" | cut -d' ' -f1).png
truncate -s 21M "$tmp/huge.jpg"
printf '\377\330\377' | dd of="$tmp/huge.jpg" conv=notrunc 2>/dev/null

run --db "$db" init --district 110118 --office "北京市密云区总工会"
expect_rc 0 "init sets up the office"
run --db "$db" unit add --name 密云建材公司 --credit-code 91110228MA01ABCD1J --street 鼓楼街道
expect_rc 0 "the host unit"
run --db "$db" room add --name 鼓楼母婴关爱室 --unit 密云建材公司 --address "鼓楼东大街1号" --street 鼓楼街道 \
  --type unit --area 8 --sets 2 --facilities power_socket,fridge,privacy --opened 2024-03-01
expect_rc 0 "a room"
uuid=$("$cli" --db "$db" room show 鼓楼母婴关爱室 --json | python3 -c "import json,sys; print(json.load(sys.stdin)['uuid'])")

# ---- adding ------------------------------------------------------------------

run --db "$db" room photo add 鼓楼母婴关爱室 "$tmp/green.png" "$tmp/same-green.png" --caption 哺乳区
expect_rc 0 "a picture added twice under two names"
[ -f "$tmp/photos/$uuid/$green" ] && pass "kept beside the database as photos/<room uuid>/<sha256>.png" \
  || fail "kept beside the database as photos/<room uuid>/<sha256>.png"
[ "$(ls "$tmp/photos/$uuid" | wc -l)" -eq 1 ] && pass "the same picture twice is one file" || fail "the same picture twice is one file"
run --db "$db" room show 鼓楼母婴关爱室 --json
json_check "the room names it once, with its caption and path" \
  "json.loads(d['photos']) == [{'file': '$green', 'caption': '哺乳区'}] and d['photo_paths'] == ['$tmp/photos/$uuid/$green']"
run --db "$db" room show 鼓楼母婴关爱室
grep -q "^  $tmp/photos/$uuid/$green  哺乳区$" "$tmp/out" && pass "room show lists the photo's file" || fail "room show lists the photo's file"

run --db "$db" room photo add 鼓楼母婴关爱室 "$tmp/blue.png" "$tmp/notes.png"
one_sentence "a file that is not a picture is refused, naming it" "“notes.png” is not a picture: a photo is a PNG or JPEG file."
[ "$(photos_of | python3 -c "import json,sys; print(len(json.loads(sys.stdin.read())))")" -eq 1 ] \
  && pass "nothing saved when one file is refused" || fail "nothing saved when one file is refused"
run --db "$db" room photo add 鼓楼母婴关爱室 "$tmp/huge.jpg"
one_sentence "a file larger than 20 MB is refused" "“huge.jpg” is larger than 20 MB"
run --db "$db" room photo add 鼓楼母婴关爱室 "$tmp/missing.png"
one_sentence "a file that is not there is refused" "missing.png"
run --db "$db" room photo add 鼓楼母婴关爱室 "$tmp/door.jpg" "$tmp/blue.png"
expect_rc 0 "a JPEG and another PNG"
[ "$(ls "$tmp/photos/$uuid" | wc -l)" -eq 3 ] && pass "three files" || fail "three files"

# One too many: a room has at most 12.
python3 - "$tmp" <<'EOF'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
for i in range(10):
    raw = b'\x00' + bytes((i, i, i))
    open('%s/grey%d.png' % (sys.argv[1], i), 'wb').write(
        b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0))
        + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
EOF
run --db "$db" room photo add 鼓楼母婴关爱室 "$tmp"/grey[0-8].png
expect_rc 0 "up to 12 photos"
run --db "$db" room photo add 鼓楼母婴关爱室 "$tmp/grey9.png"
one_sentence "a 13th photo is refused" "“grey9.png” was not added: The room has 12 photos already"

# ---- removing ----------------------------------------------------------------

run --db "$db" room photo remove 鼓楼母婴关爱室 "$blue"
expect_rc 0 "a photo removed by its name"
photos_of | grep -q "$blue" && fail "no longer the room's" || pass "no longer the room's"
run --db "$db" room photo remove 鼓楼母婴关爱室 "$blue"
one_sentence "a photo the room has not is refused" "has no photo “$blue”"
run --db "$db" room photo remove 鼓楼母婴关爱室 "../../office.db"
one_sentence "a name not of the hash form is refused" "“../../office.db” is not the name of a photo file"

# ---- a hostile list, come another way ------------------------------------------

cat > "$tmp/rooms.csv" <<'EOF'
名称,所在单位,地址,街道乡镇,类型,面积,建成日期
果园母婴关爱室,密云建材公司,果园东路9号,果园街道,单位内部,10,2024-05-01
EOF
run --db "$db" room import "$tmp/rooms.csv"
expect_rc 0 "the rosters do not carry photos (imported without)"
run --db "$db" room edit 果园母婴关爱室 --notes "无照片"
expect_rc 0 "a room without photos is edited"

# ---- in Chinese ----------------------------------------------------------------

LC_ALL=zh_CN.UTF-8 LANGUAGE= run --db "$db" room photo add 鼓楼母婴关爱室 "$tmp/notes.png"
grep -q "“notes.png”不是图片：照片须为 PNG 或 JPEG 文件。" "$tmp/err" && pass "the refusal in Chinese under zh_CN" \
  || fail "the refusal in Chinese under zh_CN"

echo "1..$count"
[ "$failures" -eq 0 ]
