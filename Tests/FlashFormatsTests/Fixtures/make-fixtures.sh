#!/usr/bin/env bash
# Regenerates the fixtures FlashFormatsTests reads, using other tools:
# GNU objcopy (binutils-arm-none-eabi), srec_cat (srecord) and
# arm-none-eabi-gcc (gcc-arm-none-eabi). Tests only read the committed
# outputs; they never run these tools.
set -euo pipefail
cd "$(dirname "$0")"
export LC_ALL=C

# 300 bytes of known data: byte i is (7*i + 3) mod 256.
awk 'BEGIN { for (i = 0; i < 300; i++) printf "%c", (7 * i + 3) % 256 }' > data.bin

# GNU objcopy: Intel HEX and S-records at 0x08000000.
arm-none-eabi-objcopy -I binary -O ihex --change-addresses 0x08000000 data.bin data-objcopy.hex
arm-none-eabi-objcopy -I binary -O srec --change-addresses 0x08000000 data.bin data-objcopy.srec
# Same data at 0x0800FF80, so records cross a 64 KiB boundary.
arm-none-eabi-objcopy -I binary -O ihex --change-addresses 0x0800FF80 data.bin data-objcopy-cross64k.hex
# Lower-case hex digits (a transform of objcopy's file; the spec allows either case).
tr 'A-F' 'a-f' < data-objcopy.hex > data-lowercase.hex

# srec_cat: Intel HEX (32 bytes per record, CRLF line ends), S-records with
# 16-bit (S1) and 32-bit (S3) addresses.
srec_cat data.bin -binary -offset 0x08000000 -o data-srec_cat-crlf.hex -intel -Output_Block_Size 32 -CRLF
srec_cat data.bin -binary -offset 0x1000 -o data-srec_cat-s19.srec -motorola -address-length=2
srec_cat data.bin -binary -offset 0x08000000 -o data-srec_cat.srec -motorola -address-length=4
# A sparse image: the data twice, at 0x08000000 and 0x08010000.
srec_cat data.bin -binary -offset 0x08000000 data.bin -binary -offset 0x08010000 \
    -o sparse-srec_cat.srec -motorola -address-length=4
srec_cat sparse-srec_cat.srec -o sparse-srec_cat.hex -intel

# A linked Cortex-M33 ELF whose .data runs in RAM but is stored in flash.
arm-none-eabi-gcc -mcpu=cortex-m33 -mthumb -nostdlib -O1 -g0 -T elf/link.ld -o elf/app.elf elf/app.c
# objcopy's flash image of it (gaps filled like erased flash) and text forms.
arm-none-eabi-objcopy -O binary --gap-fill 0xFF elf/app.elf elf/app-objcopy.bin
arm-none-eabi-objcopy -O ihex elf/app.elf elf/app-objcopy.hex
arm-none-eabi-objcopy -O srec elf/app.elf elf/app-objcopy.srec
# Section and program headers, for people reading the tests.
arm-none-eabi-objdump -h elf/app.elf > elf/app-headers.txt
arm-none-eabi-readelf -l elf/app.elf >> elf/app-headers.txt
