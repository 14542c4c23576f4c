// The few Unicorn 2 and Capstone 4 declarations FlashScope needs, declared here (not
// included) so the package builds without either library. Both are opened with dlopen
// at run time; every call goes through a function pointer filled by fs_unicorn_load.
#ifndef CUNICORN_SHIM_H
#define CUNICORN_SHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct fs_uc_engine fs_uc_engine;
typedef size_t fs_uc_hook;

// Values from unicorn/unicorn.h and unicorn/arm.h (Unicorn 2.0.1).
enum {
    FS_UC_ARCH_ARM = 1,
    FS_UC_MODE_THUMB = 1 << 4,
    FS_UC_MODE_MCLASS = 1 << 5,
    FS_UC_PROT_ALL = 7,
    FS_UC_HOOK_INTR = 1 << 0,
    FS_UC_HOOK_CODE = 1 << 2,
    FS_UC_HOOK_MEM_UNMAPPED = (1 << 4) | (1 << 5) | (1 << 6),
    FS_UC_CTL_CPU_MODEL = 7,
    FS_UC_CTL_TB_REMOVE_CACHE = 9,
    FS_UC_CPU_ARM_CORTEX_M33 = 11,
    FS_UC_MEM_READ_UNMAPPED = 19,
    FS_UC_MEM_WRITE_UNMAPPED = 20,
    FS_UC_MEM_FETCH_UNMAPPED = 21,
    FS_UC_ARM_REG_LR = 10,
    FS_UC_ARM_REG_PC = 11,
    FS_UC_ARM_REG_SP = 12,
    FS_UC_ARM_REG_R0 = 66,
    FS_UC_ARM_REG_XPSR = 120,
    FS_UC_ARM_REG_FPSCR = 6,
    FS_UC_ARM_REG_S0 = 79,
    FS_UC_ARM_REG_MSP = 115,
    FS_UC_ARM_REG_PSP = 116,
    FS_UC_ARM_REG_CONTROL = 117,
    FS_UC_ARM_REG_PRIMASK = 123,
    FS_UC_ARM_REG_BASEPRI = 124,
    FS_UC_ARM_REG_FAULTMASK = 126,
    FS_UC_HOOK_MEM_READ = 1 << 10,
    FS_UC_HOOK_MEM_WRITE = 1 << 11,
    FS_UC_MEM_WRITE = 17,
};

/// The most FPB comparators a core has (the Cortex-M33 has 8).
#define FS_MAX_BREAKPOINTS 8
/// The most DWT comparators a core has (the Cortex-M33 has 4).
#define FS_MAX_WATCHPOINTS 4

struct fs_core_state;

/// One watched range [begin, end) with a memory hook over just those bytes while installed.
typedef struct fs_watch {
    uint64_t begin;
    uint64_t end;
    int kinds;  // FS_WATCH_READ | FS_WATCH_WRITE
    fs_uc_hook hook;
    struct fs_core_state *state;
} fs_watch;

enum { FS_WATCH_READ = 1, FS_WATCH_WRITE = 2 };

typedef uint64_t (*fs_uc_mmio_read_t)(fs_uc_engine *uc, uint64_t offset, unsigned size, void *user);
typedef void (*fs_uc_mmio_write_t)(fs_uc_engine *uc, uint64_t offset, unsigned size, uint64_t value, void *user);

/// Called after the code hook has noted an instruction, for stepping (NULL: not stepping).
typedef void (*fs_step_t)(void *context, uint64_t pc, uint32_t size);

/// A data access of the code to a RAM-backed range (the flash mirror), before it happens.
typedef void (*fs_memory_access_t)(void *context, int write, uint64_t address, int size, int64_t value);

/// What the C hooks keep about the run in progress; read by Swift after each call.
typedef struct fs_core_state {
    uint64_t pc;            // the instruction being executed (MMIO callbacks see only the block start)
    uint64_t instructions;  // executed since the counter was reset
    uint64_t budget;        // stop once `instructions` passes it
    int stop_reason;        // FS_STOP_*
    uint32_t interrupt;     // exception number for FS_STOP_EXCEPTION
    uint64_t fault_address; // for FS_STOP_UNMAPPED
    int fault_kind;         // FS_UC_MEM_*_UNMAPPED
    fs_step_t step;
    void *step_context;
    // Halt before executing one of these addresses, except the first instruction of a run
    // (resuming from a breakpoint steps over it, as a debugger expects).
    uint32_t breakpoints[FS_MAX_BREAKPOINTS];
    int breakpoint_count;
    uint64_t start_pc;
    fs_memory_access_t memory_access;
    void *memory_context;
    // Set by the host during an instruction: stop before the next one (FS_STOP_RESYNC). A stop
    // requested inside a memory hook would abort and replay the instruction making the access.
    int resync_pending;
    fs_watch watches[FS_MAX_WATCHPOINTS];
    int watch_count;
    // Set by a watch hook during an instruction: 1 + the index of the watch that matched; the run
    // stops before the next instruction (FS_STOP_WATCHPOINT), so the access completes.
    int watch_hit;
    int watch_hit_write;
} fs_core_state;


enum {
    FS_STOP_NONE = 0,
    FS_STOP_BUDGET = 1,
    FS_STOP_EXCEPTION = 2,
    FS_STOP_UNMAPPED = 3,
    FS_STOP_HOST = 4,
    FS_STOP_BREAKPOINT = 5,
    // The host changed memory the core sees as RAM (the flash mirror): refresh it, then go on.
    FS_STOP_RESYNC = 6,
    // A watched access completed in the previous instruction.
    FS_STOP_WATCHPOINT = 7,
};

/// Opens Unicorn at `path` (NULL: libunicorn.so.2); 0 on success. Safe to call again.
int fs_unicorn_load(const char *path);
/// Opens Capstone (NULL: libcapstone.so.4); 0 on success.
int fs_capstone_load(const char *path);

int fs_uc_open(fs_uc_engine **uc);
/// Sets the CPU model (call right after fs_uc_open); 0 on success.
int fs_uc_set_cpu_model(fs_uc_engine *uc, int model);
int fs_uc_close(fs_uc_engine *uc);
int fs_uc_mem_map(fs_uc_engine *uc, uint64_t address, size_t size);
/// Maps host memory the caller owns (and keeps alive while mapped); `size` a multiple of 4 KiB.
int fs_uc_mem_map_ptr(fs_uc_engine *uc, uint64_t address, size_t size, void *memory);
int fs_uc_mmio_map(fs_uc_engine *uc, uint64_t address, size_t size, fs_uc_mmio_read_t read, void *read_user,
                   fs_uc_mmio_write_t write, void *write_user);
int fs_uc_mem_write(fs_uc_engine *uc, uint64_t address, const void *bytes, size_t size);
int fs_uc_mem_read(fs_uc_engine *uc, uint64_t address, void *bytes, size_t size);
int fs_uc_reg_write(fs_uc_engine *uc, int reg, uint32_t value);
uint32_t fs_uc_reg_read(fs_uc_engine *uc, int reg);
int fs_uc_emu_start(fs_uc_engine *uc, uint64_t begin, uint64_t until);
/// Runs at most `count` instructions (0: no limit).
int fs_uc_emu_start_count(fs_uc_engine *uc, uint64_t begin, uint64_t until, size_t count);
void fs_uc_emu_stop(fs_uc_engine *uc);
/// Drops translated code for [begin, end): memory the host changed under the core (Unicorn does
/// not notice writes that bypass it).
int fs_uc_remove_cache(fs_uc_engine *uc, uint64_t begin, uint64_t end);
const char *fs_uc_strerror(int error);
/// Installs the code, interrupt and unmapped-access hooks that fill `state`.
int fs_install_hooks(fs_uc_engine *uc, fs_core_state *state);
/// Calls `state->memory_access` for every data access in [begin, end] (reads and writes).
int fs_install_memory_hook(fs_uc_engine *uc, fs_core_state *state, uint64_t begin, uint64_t end);
/// Adds a watch on [begin, end) for the accesses in `kinds`: a read and write hook over only
/// those bytes (and the few before them a wider access could start at); 0 on success.
int fs_add_watch(fs_uc_engine *uc, fs_core_state *state, uint64_t begin, uint64_t end, int kinds);
/// Removes every watch and its hook.
void fs_clear_watches(fs_uc_engine *uc, fs_core_state *state);
/// Stops the run from a Swift callback, recording why.
void fs_stop(fs_uc_engine *uc, fs_core_state *state, int reason);

/// Disassembles one Thumb instruction into `text` ("mnemonic operands"); its size, or 0.
int fs_disassemble(const uint8_t *bytes, size_t count, uint64_t address, char *text, size_t capacity);

#endif
