#!/usr/bin/env bash
# Makes the sample images of the README tour with FlashScope's own writers:
# a bootloader for bank 1 (0x08000000) and an application for bank 2 (0x08040000),
# each starting with a Cortex-M vector table (initial SP, then the reset handler).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import struct, sys
work = sys.argv[1]
def image(base, size, text, seed):
    body = bytearray(struct.pack("<II", 0x20040000, base + 0x201))  # initial SP, reset handler (Thumb)
    body += bytes(((i * seed) ^ (i >> 3)) & 0xFF for i in range(8, 0x200))
    body += text.encode() + b"\0"
    while len(body) < size:
        body += bytes(((len(body) * seed) + 7) & 0xFF for _ in range(16))
    return bytes(body[:size])
open(f"{work}/bootloader.bin", "wb").write(image(0x08000000, 6 * 1024, "FlashScope sample bootloader", 13))
open(f"{work}/application.bin", "wb").write(image(0x08040000, 20 * 1024, "FlashScope sample application", 29))
PY
swift run --package-path .. -c debug flashscope convert "$work/bootloader.bin" bootloader.hex --address 0x08000000
swift run --package-path .. -c debug flashscope convert "$work/application.bin" application.hex --address 0x08040000
echo "wrote bootloader.hex and application.hex"
