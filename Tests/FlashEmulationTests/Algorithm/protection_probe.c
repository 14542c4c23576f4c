// A probe for FlashScope's protection tests (not a vendor's algorithm, and not a useful one).
// It is shaped like a CMSIS flash algorithm so the engine and the emulator run it as they run
// vendor code, and each entry point does one thing the protection rules (reference §8) judge:
//  - Init writes the NSKEYR keys without reading LOCK first, so it unlocks twice when NSCR
//    is already unlocked (OpenOCD and the HAL read LOCK first for exactly this reason).
//  - EraseChip runs the HAL's HAL_FLASHEx_OBProgram sequence: RDP, then the USER fields, each a
//    read-modify-write of OPTR, then one OPTSTRT; it records what OPTR reads back at each step
//    in `readback` (the first words of PrgData) and ends with OBL_LAUNCH, which must not return.
//  - EraseSector and ProgramPage are the plain dual-bank sequences, non-secure registers only.
#include <stdint.h>

#define FLASH_REGS 0x40022000u
#define REG(offset) (*(volatile uint32_t *)(FLASH_REGS + (offset)))
#define NSKEYR REG(0x08)
#define OPTKEYR REG(0x10)
#define NSSR REG(0x20)
#define NSCR REG(0x28)
#define OPTR REG(0x40)

#define SR_BSY (1u << 16)
#define SR_ERRORS 0x20FAu
#define CR_PG (1u << 0)
#define CR_PER (1u << 1)
#define CR_BKER (1u << 11)
#define CR_STRT (1u << 16)
#define CR_OPTSTRT (1u << 17)
#define CR_OBL_LAUNCH (1u << 27)
#define CR_OPTLOCK (1u << 30)
#define CR_LOCK (1u << 31)
#define OPTR_RDP 0xFFu
#define OPTR_BOR_LEV (7u << 8)

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
    0x0101, "FlashScope_L5_protection_probe", 1, 0x08000000, 0x00080000, 0x400, 0, 0xFF, 100, 400,
    {{0x800, 0x0}, {0xFFFFFFFF, 0xFFFFFFFF}},
};

// OPTR after the RDP write, after the USER write, after OPTSTRT; NSSR after OPTSTRT.
__attribute__((section(".data.readback"), used)) volatile uint32_t readback[4] = {1, 2, 3, 4};

static void wait_idle(void) {
    while (NSSR & SR_BSY) {
    }
}

int Init(unsigned long adr, unsigned long clk, unsigned long fnc) {
    (void)adr;
    (void)clk;
    (void)fnc;
    NSKEYR = 0x45670123;
    NSKEYR = 0xCDEF89AB;
    return (NSCR & CR_LOCK) ? 1 : 0;
}

int UnInit(unsigned long fnc) {
    (void)fnc;
    NSCR = CR_LOCK;
    return 0;
}

int EraseSector(unsigned long adr) {
    uint32_t offset = adr & 0x0007FFFFu;
    uint32_t command = CR_PER | (((offset & 0x3FFFFu) >> 11) << 3) | ((offset >= 0x40000u) ? CR_BKER : 0);
    wait_idle();
    NSSR = SR_ERRORS;
    NSCR = command;
    NSCR = command | CR_STRT;
    wait_idle();
    uint32_t status = NSSR;
    NSCR = 0;
    return (status & SR_ERRORS) ? 1 : 0;
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

int EraseChip(void) {
    if (NSCR & CR_OPTLOCK) {
        OPTKEYR = 0x08192A3B;
        OPTKEYR = 0x4C5D6E7F;
    }
    wait_idle();
    OPTR = (OPTR & ~OPTR_RDP) | 0xBBu;  // FLASH_OB_RDPConfig(OB_RDP_LEVEL_1)
    readback[0] = OPTR;
    OPTR = (OPTR & ~OPTR_BOR_LEV) | (1u << 8);  // FLASH_OB_UserConfig(OB_USER_BOR_LEV, OB_BOR_LEVEL_1)
    readback[1] = OPTR;
    NSCR |= CR_OPTSTRT;
    wait_idle();
    readback[2] = OPTR;
    readback[3] = NSSR;
    NSCR |= CR_OBL_LAUNCH;  // HAL_FLASH_OB_Launch: "we should not reach here"
    return 0x0B1;
}
