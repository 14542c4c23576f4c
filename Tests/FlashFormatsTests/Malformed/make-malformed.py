#!/usr/bin/env python3
"""Writes the malformed-file corpus for FlashFormatsTests.

Each file has exactly one defect, named by the file name. Valid records are
built with the checksum rules of the specifications (Intel HEX: two's
complement of the byte sum; S-record: ones' complement of the byte sum), so
the only fault is the intended one. MalformedCorpusTests lists, for each
file, the error kind and the line/column or byte offset expected.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def ihex(length_type_address_data, checksum=None):
    """One Intel HEX record from (address, type, data)."""
    address, rtype, data = length_type_address_data
    body = bytes([len(data), address >> 8, address & 0xFF, rtype]) + bytes(data)
    if checksum is None:
        checksum = (-sum(body)) & 0xFF
    return ":" + (body + bytes([checksum])).hex().upper()


def srec(rtype, address, data=(), checksum=None, address_length=None):
    if address_length is None:
        address_length = {0: 2, 1: 2, 2: 3, 3: 4, 5: 2, 6: 3, 7: 4, 8: 3, 9: 2}[rtype]
    body = bytes([address_length + len(data) + 1]) + address.to_bytes(address_length, "big") + bytes(data)
    if checksum is None:
        checksum = (~sum(body)) & 0xFF
    return "S%d" % rtype + (body + bytes([checksum])).hex().upper()


DATA16 = list(range(0x30, 0x40))
EOF_RECORD = ihex((0, 1, []))
LINEAR_0800 = ihex((0, 4, [0x08, 0x00]))
DATA_0000 = ihex((0x0000, 0, DATA16))          # :10000000303132...3F + checksum
DATA_0010 = ihex((0x0010, 0, DATA16))

text_files = {
    # Intel HEX
    "hex-bad-checksum.hex": [LINEAR_0800, DATA_0000[:-2] + "%02X" % ((int(DATA_0000[-2:], 16) + 1) & 0xFF), EOF_RECORD],
    "hex-non-hex-character.hex": [LINEAR_0800, DATA_0000[:18] + "G" + DATA_0000[19:], EOF_RECORD],
    "hex-missing-colon.hex": [LINEAR_0800, DATA_0000[1:], EOF_RECORD],
    "hex-truncated-record.hex": [LINEAR_0800, DATA_0000[:17], EOF_RECORD],
    "hex-only-colon.hex": [LINEAR_0800, ":", EOF_RECORD],
    "hex-wrong-byte-count.hex": [LINEAR_0800, ihex((0, 0, DATA16[:15])) [:1] + "0E" + ihex((0, 0, DATA16[:15]))[3:], EOF_RECORD],
    "hex-odd-digit-count.hex": [LINEAR_0800, DATA_0000 + "0", EOF_RECORD],
    "hex-unknown-record-type-06.hex": [LINEAR_0800, ihex((0, 6, [])), EOF_RECORD],
    "hex-data-after-eof.hex": [LINEAR_0800, DATA_0000, EOF_RECORD, DATA_0010],
    "hex-missing-eof.hex": [LINEAR_0800, DATA_0000, DATA_0010],
    "hex-empty.hex": [],
    "hex-eof-with-data.hex": [DATA_0000, ihex((0, 1, [0x00]))],
    "hex-segment-address-3-bytes.hex": [ihex((0, 2, [0x10, 0x00, 0x00])), DATA_0000, EOF_RECORD],
    "hex-linear-address-1-byte.hex": [ihex((0, 4, [0x08])), DATA_0000, EOF_RECORD],
    "hex-start-linear-2-bytes.hex": [DATA_0000, ihex((0, 5, [0x08, 0x00])), EOF_RECORD],
    "hex-start-segment-5-bytes.hex": [DATA_0000, ihex((0, 3, [0, 0, 0, 0, 0])), EOF_RECORD],
    "hex-overlap-same-address.hex": [LINEAR_0800, DATA_0000, DATA_0010, DATA_0000, EOF_RECORD],
    "hex-overlap-partial.hex": [LINEAR_0800, DATA_0000, ihex((0x0008, 0, DATA16[:4])), EOF_RECORD],
    # Segment addressing: a record at offset FFF8 wraps to offset 0 of the same
    # segment (0x10000), where line 2 already put data.
    "hex-overlap-segment-wrap.hex": [ihex((0, 2, [0x10, 0x00])), DATA_0000, ihex((0xFFF8, 0, DATA16)), EOF_RECORD],
    # Linear addressing: a record at 0xFFFFFFF8 wraps to address 0 (mod 4 GiB).
    "hex-overlap-linear-wrap-4gib.hex": [DATA_0000, ihex((0, 4, [0xFF, 0xFF])), ihex((0xFFF8, 0, DATA16)), EOF_RECORD],
    "hex-conflicting-start-address.hex": [DATA_0000, ihex((0, 5, [8, 0, 0, 0x01])), ihex((0, 5, [8, 0, 0, 0x41])), EOF_RECORD],
    "hex-space-inside-record.hex": [LINEAR_0800, DATA_0000[:11] + " " + DATA_0000[11:], EOF_RECORD],
    "hex-trailing-text.hex": [DATA_0000, EOF_RECORD + " end"],
    "hex-lone-cr-inside-line.hex": [DATA_0000[:21] + "\r" + DATA_0000[21:], EOF_RECORD],
    "hex-srecord-line.hex": [srec(1, 0, DATA16), EOF_RECORD],
    # S-records
    "srec-bad-checksum.srec": [srec(0, 0, b"HDR"), srec(1, 0x1000, DATA16, checksum=0x00), srec(9, 0)],
    "srec-missing-S.srec": [srec(0, 0, b"HDR"), "X" + srec(1, 0x1000, DATA16)[1:], srec(9, 0)],
    "srec-lowercase-s.srec": [srec(0, 0, b"HDR"), "s" + srec(1, 0x1000, DATA16)[1:], srec(9, 0)],
    "srec-reserved-type-S4.srec": [srec(0, 0, b"HDR"), srec(1, 0x1000, DATA16)[:1] + "4" + srec(1, 0x1000, DATA16)[2:], srec(9, 0)],
    "srec-non-digit-type.srec": [srec(0, 0, b"HDR"), "SX" + srec(1, 0x1000, DATA16)[2:], srec(9, 0)],
    "srec-non-hex-character.srec": [srec(0, 0, b"HDR"), srec(1, 0x1000, DATA16)[:10] + "z" + srec(1, 0x1000, DATA16)[11:], srec(9, 0)],
    "srec-truncated-record.srec": [srec(0, 0, b"HDR"), srec(1, 0x1000, DATA16)[:20], srec(9, 0)],
    "srec-only-S.srec": [srec(0, 0, b"HDR"), "S", srec(9, 0)],
    "srec-wrong-byte-count.srec": [srec(0, 0, b"HDR"), srec(1, 0x1000, DATA16) + "00", srec(9, 0)],
    "srec-count-below-address-length.srec": [srec(0, 0, b"HDR"), "S1021000ED", srec(9, 0)],
    "srec-record-count-mismatch-S5.srec": [srec(0, 0, b"HDR"), srec(1, 0x1000, DATA16), srec(1, 0x1010, DATA16), srec(5, 3), srec(9, 0)],
    "srec-record-count-mismatch-S6.srec": [srec(3, 0x08000000, DATA16), srec(6, 0), srec(7, 0x08000000)],
    "srec-data-after-S9.srec": [srec(1, 0x1000, DATA16), srec(9, 0x1000), srec(1, 0x1010, DATA16)],
    "srec-S9-with-data.srec": [srec(1, 0x1000, DATA16), srec(9, 0x1000, [0xAA])],
    "srec-S5-with-data.srec": [srec(1, 0x1000, DATA16), srec(5, 1, [0xAA]), srec(9, 0)],
    "srec-overlap.srec": [srec(0, 0, b"HDR"), srec(3, 0x08000000, DATA16), srec(3, 0x08000020, DATA16), srec(3, 0x0800000C, DATA16[:8]), srec(7, 0)],
    "srec-address-overflow.srec": [srec(3, 0xFFFFFFF8, DATA16), srec(7, 0)],
}

for name, lines in text_files.items():
    ending = "\n"
    with open(os.path.join(HERE, name), "w", newline="") as handle:
        handle.write("".join(line + ending for line in lines))


def elf(machine=40, elf_class=1, data=1, version=1, phentsize=32, phoff=52, segments=None, entry=0x08000001,
        truncate=None, magic=b"\x7fELF"):
    """A minimal ELF32 executable: header, program headers, then segment bytes."""
    if segments is None:
        segments = [(0x08000000, 0x08000000, bytes(range(16)))]
    phnum = len(segments)
    data_start = 52 + 32 * phnum
    ident = magic + bytes([elf_class, data, version]) + bytes(9)
    header = ident + struct.pack("<HHIIIIIHHHHHH", 2, machine, 1, entry, phoff, 0, 0x05000200, 52, phentsize, phnum, 40, 0, 0)
    table = b""
    body = b""
    for index, segment in enumerate(segments):
        vaddr, paddr, content = segment[:3]
        offset = segment[3] if len(segment) > 3 else data_start + len(body)
        table += struct.pack("<IIIIIIII", 1, offset, vaddr, paddr, len(content), len(content), 5, 4)
        body += content
    blob = header + table + body
    return blob[:truncate] if truncate is not None else blob


elf_files = {
    "elf-bad-magic.elf": elf(magic=b"\x7fELG"),
    "elf-truncated-header.elf": elf(truncate=40),
    "elf-64-bit-class.elf": elf(elf_class=2),
    "elf-big-endian.elf": elf(data=2),
    "elf-bad-version.elf": elf(version=0),
    "elf-x86-machine.elf": elf(machine=3),
    "elf-bad-phentsize.elf": elf(phentsize=40),
    "elf-program-headers-outside-file.elf": elf(phoff=0x1000),
    "elf-segment-outside-file.elf": elf(segments=[(0x08000000, 0x08000000, bytes(16)), (0x20000000, 0x08000100, bytes(8), 0x400)]),
    "elf-overlapping-segments.elf": elf(segments=[(0x08000000, 0x08000000, bytes(16)), (0x20000000, 0x08000008, bytes(16))]),
    "elf-truncated-segment.elf": elf(truncate=52 + 32 + 8),
}
for name, blob in elf_files.items():
    with open(os.path.join(HERE, name), "wb") as handle:
        handle.write(blob)

# A binary that, at base 0xFFFFFF00, runs 256 bytes past the 4 GiB address space.
with open(os.path.join(HERE, "bin-past-4gib.bin"), "wb") as handle:
    handle.write(bytes(512))
