#!/usr/bin/env bash
# Rebuilds flash_algo.FLM (committed, so the tests need no cross compiler).
# Needs gcc-arm-none-eabi (Debian: apt-get install gcc-arm-none-eabi).
set -euo pipefail
cd "$(dirname "$0")"
arm-none-eabi-gcc -mcpu=cortex-m33 -mthumb -Os -ffreestanding -fno-builtin -nostdlib \
    -ffunction-sections -fdata-sections -Wall -Wextra -Werror \
    -T flash_algo.ld -Wl,--gc-sections -Wl,--no-warn-rwx-segments -o flash_algo.FLM flash_algo.c
arm-none-eabi-size -A flash_algo.FLM
