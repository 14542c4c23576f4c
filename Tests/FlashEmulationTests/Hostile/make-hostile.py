#!/usr/bin/env python3
"""Writes the hostile algorithm files next to this script (each is committed).

Every file has one defect a reader must refuse with a one-line error (see
HostileAlgorithmTests.swift), except the *-valid controls, which must load,
flm-long-symbol-name.FLM, which loads with the long name cut, and
flm-slow-program-page.FLM, a valid algorithm whose ProgramPage runs about
8.4 million instructions (8192 per byte of a 1 KB page), for the per-operation
instruction budget.
Files named fuzz-* are inputs scripts/fuzz-algorithms found, kept as found.

The FLMs are built here from scratch (a 52-byte ELF header, PrgCode, PrgData,
DevDscr, a symbol table and two string tables); the YAML files are a minimal
probe-rs target description with one algorithm.
"""
import base64
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

PROGBITS, SYMTAB, STRTAB, NOBITS = 1, 2, 3, 8

# Thumb: movs r0,#0; bx lr
RETURN_ZERO = struct.pack("<HH", 0x2000, 0x4770)
# movs r0,#0x80; lsls r0,r0,#15; loop: subs r0,#1; bne loop; bx lr  (2^22 iterations, returns 0)
SLOW_LOOP = struct.pack("<HHHHH", 0x2080, 0x03C0, 0x3801, 0xD1FD, 0x4770)


def flash_device(start=0x0800_0000, size=0x8_0000, page=0x400, sectors=((0x800, 0),), name=b"Hostile test"):
    name = name.ljust(128, b"\0")
    device = struct.pack("<H", 0x0101) + name + struct.pack("<HIIIIB3xII", 1, start, size, page, 0, 0xFF, 100, 500)
    for sector_size, address in sectors:
        device += struct.pack("<II", sector_size, address)
    return device + struct.pack("<II", 0xFFFF_FFFF, 0xFFFF_FFFF)


def flm(code=RETURN_ZERO * 4, data=b"\0" * 4, data_type=PROGBITS, data_size=None, code_type=PROGBITS,
        code_size=None, device=None, shstrtab_type=STRTAB, strtab_type=STRTAB, extra_symtabs=0,
        entries=None):
    device = device if device is not None else flash_device()
    entries = entries or {"Init": 0, "EraseSector": 4, "ProgramPage": 8, "UnInit": 12}
    names = [b"", b"PrgCode", b"PrgData", b"DevDscr", b".symtab", b".strtab", b".shstrtab"]
    shstrtab = b"\0".join(names) + b"\0"
    name_offsets = []
    offset = 0
    for name in names:
        name_offsets.append(offset)
        offset += len(name) + 1

    strtab = b"\0"
    symbols = [struct.pack("<IIIBBH", 0, 0, 0, 0, 0, 0)]
    for name, value in list(entries.items()) + [("FlashDevice", 0x1000)]:
        name_offset = len(strtab)
        strtab += name.encode() + b"\0"
        section = 3 if name == "FlashDevice" else 1
        symbols.append(struct.pack("<IIIBBH", name_offset, value | (0 if name == "FlashDevice" else 1), 0, 0x12, 0, section))
    symtab = b"".join(symbols)

    body = bytearray(b"\0" * 52)
    def place(blob):
        while len(body) % 4:
            body.append(0)
        at = len(body)
        body.extend(blob)
        return at

    code_at = place(code if code_type != NOBITS else b"")
    data_at = place(data if data_type != NOBITS else b"")
    device_at = place(device)
    symtab_at = place(symtab)
    strtab_at = place(strtab if strtab_type != NOBITS else b"")
    shstrtab_at = place(shstrtab if shstrtab_type != NOBITS else b"")

    def header(name, kind, address, at, size, link=0, entsize=0, flags=0):
        return struct.pack("<IIIIIIIIII", name, kind, flags, address, at, size, link, 0, 4, entsize)

    sections = [
        header(0, 0, 0, 0, 0),
        header(name_offsets[1], code_type, 0, code_at, code_size if code_size is not None else len(code), flags=6),
        header(name_offsets[2], data_type, len(code), data_at, data_size if data_size is not None else len(data), flags=3),
        header(name_offsets[3], PROGBITS, 0x1000, device_at, len(device), flags=2),
        header(name_offsets[4], SYMTAB, 0, symtab_at, len(symtab), link=5, entsize=16),
        # A NOBITS string table claims bytes far past the end of the file.
        header(name_offsets[5], strtab_type, 0, strtab_at if strtab_type != NOBITS else 0x7FFF_0000, len(strtab)),
        header(name_offsets[6], shstrtab_type, 0, shstrtab_at if shstrtab_type != NOBITS else 0x7FFF_0000, len(shstrtab)),
    ]
    # Extra symbol tables over the same bytes: honest ones never overlap.
    sections += [header(name_offsets[4], SYMTAB, 0, 0, len(body), link=5, entsize=16)] * extra_symtabs
    while len(body) % 4:
        body.append(0)
    table_at = len(body)
    for section in sections:
        body.extend(section)
    elf_header = b"\x7fELF" + bytes([1, 1, 1]) + b"\0" * 9 + struct.pack(
        "<HHIIIIIHHHHHH", 2, 40, 1, 0, 0, table_at, 0x0500_0000, 52, 0, 0, 40, len(sections), 6)
    body[0:52] = elf_header
    return bytes(body)


YAML = """name: Hostile test
flash_algorithms:
- name: hostile
  description: one defect each
  instructions: {instructions}
  load_address: 0x20000020
  pc_init: 0x1
  pc_uninit: 0xd
  pc_program_page: 0x9
  pc_erase_sector: 0x5
  data_section_offset: 0x10
  flash_properties:
    address_range:
      start: {start}
      end: {end}
    page_size: {page_size}
    erased_byte_value: 0xff
{extra}    sectors:
    - size: {sector_size}
      address: {sector_address}
"""


def yaml(start="0x8000000", end="0x8080000", page_size="0x400", sector_size="0x800", sector_address="0x0", extra=""):
    instructions = base64.b64encode(RETURN_ZERO * 4).decode()
    return YAML.format(instructions=instructions, start=start, end=end, page_size=page_size, sector_size=sector_size,
                       sector_address=sector_address, extra=extra).encode()


def laughs():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    return ("\n".join(lines) + "\n").encode() + yaml()


FILES = {
    "flm-minimal-valid.FLM": flm(),
    "flm-slow-program-page.FLM": flm(code=RETURN_ZERO * 2 + SLOW_LOOP + RETURN_ZERO,
                                     entries={"Init": 0, "EraseSector": 4, "ProgramPage": 8, "UnInit": 18}),
    "flm-nobits-section-names.FLM": flm(shstrtab_type=NOBITS),
    "flm-nobits-symbol-names.FLM": flm(strtab_type=NOBITS),
    "flm-prgcode-nobits-4gib.FLM": flm(code_type=NOBITS, code_size=0xFFFF_FFF0),
    "flm-prgdata-nobits-4gib.FLM": flm(data_type=NOBITS, data_size=0xFFFF_FF00),
    "flm-prgdata-nobits-1gib.FLM": flm(data_type=NOBITS, data_size=0x4000_0000),
    "flm-sector-512mib.FLM": flm(device=flash_device(start=0x9000_0000, size=0x4000_0000, sectors=((0x2000_0000, 0),))),
    "flm-sector-past-range.FLM": flm(device=flash_device(sectors=((0xFFFF_FFF0, 0),))),
    "flm-sector-address-0x80000000.FLM": flm(device=flash_device(sectors=((0x800, 0), (0x800, 0x8000_0000)))),
    "flm-page-size-0.FLM": flm(device=flash_device(page=0)),
    "flm-name-line-break.FLM": flm(device=flash_device(page=0, name=b"Hostile\ntest\x1b[2J")),
    "flm-overlapping-symbol-tables.FLM": flm(extra_symtabs=100),
    # Loads; the 300-byte name is cut at ELFObject.maximumNameLength.
    "flm-long-symbol-name.FLM": flm(entries={"Init": 0, "EraseSector": 4, "ProgramPage": 8, "UnInit": 12, "A" * 300: 0}),
    "yaml-minimal-valid.yaml": yaml(),
    "yaml-deep-flow.yaml": b"flash_algorithms: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "yaml-deep-block.yaml": b"flash_algorithms:\n" + b"- " * 5000 + b"x\n",
    "yaml-page-size-0.yaml": yaml(page_size="0"),
    "yaml-name-line-break.yaml": yaml(page_size="0").replace(b"- name: hostile", b'- name: "host\\nile"'),
    "yaml-duplicate-page-size.yaml": yaml(extra="    page_size: 0x400\n"),
    "yaml-sector-size-0xffffffff.yaml": yaml(sector_size="0xFFFFFFFF"),
    "yaml-sector-2gib.yaml": yaml(start="0x0", end="0x80000000", sector_size="0x80000000"),
    "yaml-sector-address-0x80000000.yaml": yaml(sector_address="0x80000000"),
    "yaml-alias-expansion.yaml": laughs(),
}

for name, content in FILES.items():
    with open(os.path.join(HERE, name), "wb") as out:
        out.write(content)
