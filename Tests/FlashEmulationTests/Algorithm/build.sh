#!/usr/bin/env bash
# Rebuilds flash_algo.FLM and protection_probe.FLM (committed, so the tests need no cross compiler).
# Needs gcc-arm-none-eabi (Debian: apt-get install gcc-arm-none-eabi).
set -euo pipefail
cd "$(dirname "$0")"
flags=(-mcpu=cortex-m33 -mthumb -Os -ffreestanding -fno-builtin -nostdlib
    -ffunction-sections -fdata-sections -Wall -Wextra -Werror -Wl,--gc-sections -Wl,--no-warn-rwx-segments)
arm-none-eabi-gcc "${flags[@]}" -T flash_algo.ld -o flash_algo.FLM flash_algo.c
arm-none-eabi-gcc "${flags[@]}" -T protection_probe.ld -o protection_probe.FLM protection_probe.c
arm-none-eabi-size -A flash_algo.FLM protection_probe.FLM
