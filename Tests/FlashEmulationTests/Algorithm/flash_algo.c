// A small CMSIS flash algorithm for the STM32L5 embedded flash, written for FlashScope's
// tests (not a vendor's). It is bank-aware in what it sends (it reads DBANK and
// SWAP_BANK and computes PNB/BKER as ST's own code does) but, like the Keil algorithm,
// declares fixed 2 KB sectors, so with DBANK=0 erasing one declared sector wipes the
// whole 4 KB page. It drives the non-secure registers only and refuses TZEN=1 in Init.
#include <stdint.h>

#define FLASH_REGS 0x40022000u
#define REG(offset) (*(volatile uint32_t *)(FLASH_REGS + (offset)))
#define NSKEYR REG(0x08)
#define NSSR REG(0x20)
#define NSCR REG(0x28)
#define OPTR REG(0x40)
#define FLASH_SIZE_KB (*(volatile uint16_t *)0x0BFA05E0u)

#define SR_BSY (1u << 16)
#define SR_ERRORS 0x20FAu
#define CR_PG (1u << 0)
#define CR_PER (1u << 1)
#define CR_MER1 (1u << 2)
#define CR_BKER (1u << 11)
#define CR_MER2 (1u << 15)
#define CR_STRT (1u << 16)
#define CR_LOCK (1u << 31)
#define OPTR_SWAP_BANK (1u << 20)
#define OPTR_DBANK (1u << 22)
#define OPTR_TZEN (1u << 31)

struct FlashSectors {
    unsigned long szSector;
    unsigned long AddrSector;
};

struct FlashDevice {
    unsigned short Vers;
    char DevName[128];
    unsigned short DevType;
    unsigned long DevAdr;
    unsigned long szDev;
    unsigned long szPage;
    unsigned long Res;
    unsigned char valEmpty;
    unsigned long toProg;
    unsigned long toErase;
    struct FlashSectors sectors[2];
};

__attribute__((section("DevDscr"), used)) const struct FlashDevice FlashDevice = {
    0x0101, "FlashScope_L5_512_test", 1, 0x08000000, 0x00080000, 0x400, 0, 0xFF, 100, 400,
    {{0x800, 0x0}, {0xFFFFFFFF, 0xFFFFFFFF}},
};

static uint32_t flash_size;

static void wait_idle(void) {
    while (NSSR & SR_BSY) {
    }
}

static int run(uint32_t command) {
    wait_idle();
    NSSR = SR_ERRORS;
    NSCR = command;
    NSCR = command | CR_STRT;
    wait_idle();
    uint32_t status = NSSR;
    NSCR = 0;
    return (status & SR_ERRORS) ? 1 : 0;
}

int Init(unsigned long adr, unsigned long clk, unsigned long fnc) {
    (void)adr;
    (void)clk;
    (void)fnc;
    if (OPTR & OPTR_TZEN) return 1;
    uint32_t kb = FLASH_SIZE_KB;
    flash_size = (kb == 0 || kb == 0xFFFF) ? 0x80000 : kb * 1024u;
    if (NSCR & CR_LOCK) {
        NSKEYR = 0x45670123;
        NSKEYR = 0xCDEF89AB;
    }
    return (NSCR & CR_LOCK) ? 1 : 0;
}

int UnInit(unsigned long fnc) {
    (void)fnc;
    NSCR = CR_LOCK;
    return 0;
}

int EraseChip(void) { return run(CR_MER1 | CR_MER2); }

int EraseSector(unsigned long adr) {
    uint32_t offset = (adr & 0x00FFFFFFu);
    if (offset >= flash_size) return 1;
    uint32_t optr = OPTR;
    uint32_t pnb;
    uint32_t bker = 0;
    if (optr & OPTR_DBANK) {
        uint32_t half = flash_size / 2;
        pnb = (offset % half) >> 11;
        bker = (offset >= half) ? 1 : 0;
        if (optr & OPTR_SWAP_BANK) bker ^= 1;
    } else {
        pnb = offset >> 12;
    }
    return run(CR_PER | (pnb << 3) | (bker ? CR_BKER : 0));
}

int ProgramPage(unsigned long adr, unsigned long sz, unsigned char *buf) {
    wait_idle();
    NSSR = SR_ERRORS;
    NSCR = CR_PG;
    volatile uint32_t *target = (volatile uint32_t *)((adr & 0x00FFFFFFu) | 0x08000000u);
    int result = 0;
    for (unsigned long done = 0; done < sz; done += 8) {
        uint32_t words[2] = {0xFFFFFFFFu, 0xFFFFFFFFu};
        for (unsigned long byte = 0; byte < 8 && done + byte < sz; byte++) {
            words[byte / 4] &= ~(0xFFu << (8 * (byte % 4)));
            words[byte / 4] |= (uint32_t)buf[done + byte] << (8 * (byte % 4));
        }
        target[0] = words[0];
        target[1] = words[1];
        target += 2;
        wait_idle();
        if (NSSR & SR_ERRORS) {
            result = 1;
            break;
        }
    }
    NSCR = 0;
    return result;
}
