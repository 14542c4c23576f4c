// Run-time binding to Unicorn 2 and Capstone 4 (see CUnicornShim.h for why).
#include "CUnicornShim.h"

#include <dlfcn.h>
#include <string.h>

typedef int (*uc_open_t)(int arch, int mode, fs_uc_engine **uc);
typedef int (*uc_ctl_t)(fs_uc_engine *uc, int control, ...);
typedef int (*uc_close_t)(fs_uc_engine *uc);
typedef int (*uc_mem_map_t)(fs_uc_engine *uc, uint64_t address, size_t size, uint32_t perms);
typedef int (*uc_mem_map_ptr_t)(fs_uc_engine *uc, uint64_t address, size_t size, uint32_t perms, void *ptr);
typedef int (*uc_mmio_map_t)(fs_uc_engine *uc, uint64_t address, size_t size, fs_uc_mmio_read_t read,
                             void *read_user, fs_uc_mmio_write_t write, void *write_user);
typedef int (*uc_mem_write_t)(fs_uc_engine *uc, uint64_t address, const void *bytes, size_t size);
typedef int (*uc_mem_read_t)(fs_uc_engine *uc, uint64_t address, void *bytes, size_t size);
typedef int (*uc_reg_write_t)(fs_uc_engine *uc, int reg, const void *value);
typedef int (*uc_reg_read_t)(fs_uc_engine *uc, int reg, void *value);
typedef int (*uc_emu_start_t)(fs_uc_engine *uc, uint64_t begin, uint64_t until, uint64_t timeout, size_t count);
typedef int (*uc_emu_stop_t)(fs_uc_engine *uc);
typedef const char *(*uc_strerror_t)(int code);
typedef int (*uc_hook_del_t)(fs_uc_engine *uc, fs_uc_hook hook);
typedef int (*uc_hook_add_t)(fs_uc_engine *uc, fs_uc_hook *hook, int type, void *callback, void *user,
                             uint64_t begin, uint64_t end, ...);

static struct {
    void *handle;
    uc_open_t open;
    uc_ctl_t ctl;
    uc_close_t close;
    uc_mem_map_t mem_map;
    uc_mem_map_ptr_t mem_map_ptr;
    uc_mmio_map_t mmio_map;
    uc_mem_write_t mem_write;
    uc_mem_read_t mem_read;
    uc_reg_write_t reg_write;
    uc_reg_read_t reg_read;
    uc_emu_start_t emu_start;
    uc_emu_stop_t emu_stop;
    uc_strerror_t strerror;
    uc_hook_add_t hook_add;
    uc_hook_del_t hook_del;
} uc;

int fs_unicorn_load(const char *path) {
    if (uc.handle) return 0;
    void *handle = dlopen(path ? path : "libunicorn.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!handle) return -1;
#define BIND(field, symbol) \
    if (!(*(void **)&uc.field = dlsym(handle, symbol))) { dlclose(handle); memset(&uc, 0, sizeof uc); return -2; }
    BIND(open, "uc_open")
    BIND(ctl, "uc_ctl")
    BIND(close, "uc_close")
    BIND(mem_map, "uc_mem_map")
    BIND(mem_map_ptr, "uc_mem_map_ptr")
    BIND(mmio_map, "uc_mmio_map")
    BIND(mem_write, "uc_mem_write")
    BIND(mem_read, "uc_mem_read")
    BIND(reg_write, "uc_reg_write")
    BIND(reg_read, "uc_reg_read")
    BIND(emu_start, "uc_emu_start")
    BIND(emu_stop, "uc_emu_stop")
    BIND(strerror, "uc_strerror")
    BIND(hook_add, "uc_hook_add")
    BIND(hook_del, "uc_hook_del")
#undef BIND
    uc.handle = handle;
    return 0;
}

int fs_uc_open(fs_uc_engine **engine) {
    return uc.open(FS_UC_ARCH_ARM, FS_UC_MODE_THUMB | FS_UC_MODE_MCLASS, engine);
}

int fs_uc_set_cpu_model(fs_uc_engine *engine, int model) {
    // UC_CTL_WRITE(UC_CTL_CPU_MODEL, 1): type | 1 argument << 26 | write << 30.
    return uc.ctl(engine, FS_UC_CTL_CPU_MODEL | (1 << 26) | (1 << 30), model);
}

int fs_uc_close(fs_uc_engine *engine) { return uc.close(engine); }

int fs_uc_mem_map(fs_uc_engine *engine, uint64_t address, size_t size) {
    return uc.mem_map(engine, address, size, FS_UC_PROT_ALL);
}

int fs_uc_mem_map_ptr(fs_uc_engine *engine, uint64_t address, size_t size, void *memory) {
    return uc.mem_map_ptr(engine, address, size, FS_UC_PROT_ALL, memory);
}

int fs_uc_mmio_map(fs_uc_engine *engine, uint64_t address, size_t size, fs_uc_mmio_read_t read, void *read_user,
                   fs_uc_mmio_write_t write, void *write_user) {
    return uc.mmio_map(engine, address, size, read, read_user, write, write_user);
}

int fs_uc_mem_write(fs_uc_engine *engine, uint64_t address, const void *bytes, size_t size) {
    return uc.mem_write(engine, address, bytes, size);
}

int fs_uc_mem_read(fs_uc_engine *engine, uint64_t address, void *bytes, size_t size) {
    return uc.mem_read(engine, address, bytes, size);
}

int fs_uc_reg_write(fs_uc_engine *engine, int reg, uint32_t value) { return uc.reg_write(engine, reg, &value); }

uint32_t fs_uc_reg_read(fs_uc_engine *engine, int reg) {
    uint32_t value = 0;
    uc.reg_read(engine, reg, &value);
    return value;
}

int fs_uc_emu_start(fs_uc_engine *engine, uint64_t begin, uint64_t until) {
    return uc.emu_start(engine, begin, until, 0, 0);
}

int fs_uc_emu_start_count(fs_uc_engine *engine, uint64_t begin, uint64_t until, size_t count) {
    return uc.emu_start(engine, begin, until, 0, count);
}

void fs_uc_emu_stop(fs_uc_engine *engine) { uc.emu_stop(engine); }

int fs_uc_remove_cache(fs_uc_engine *engine, uint64_t begin, uint64_t end) {
    // UC_CTL_WRITE(UC_CTL_TB_REMOVE_CACHE, 2).
    return uc.ctl(engine, FS_UC_CTL_TB_REMOVE_CACHE | (2 << 26) | (1 << 30), begin, end);
}

const char *fs_uc_strerror(int error) { return uc.strerror ? uc.strerror(error) : "Unicorn is not loaded"; }

// The hooks stay in C: the code hook runs for every instruction and must stay cheap.
static void code_hook(fs_uc_engine *engine, uint64_t address, uint32_t size, void *user) {
    fs_core_state *state = user;
    if (state->watch_hit) {
        // Cortex-M watchpoints are imprecise: the access of the previous instruction completed.
        state->stop_reason = FS_STOP_WATCHPOINT;
        uc.emu_stop(engine);
        return;
    }
    if (state->resync_pending) {
        state->resync_pending = 0;
        state->stop_reason = FS_STOP_RESYNC;
        uc.emu_stop(engine);
        return;
    }
    state->pc = address;
    if (++state->instructions > state->budget) {
        state->stop_reason = FS_STOP_BUDGET;
        uc.emu_stop(engine);
        return;
    }
    for (int index = 0; index < state->breakpoint_count; index++) {
        if (state->breakpoints[index] == (uint32_t)address && !(state->instructions == 1 && address == state->start_pc)) {
            // Unicorn stops before executing the instruction whose hook stopped it.
            state->instructions--;
            state->stop_reason = FS_STOP_BREAKPOINT;
            uc.emu_stop(engine);
            return;
        }
    }
    if (state->step) state->step(state->step_context, address, size);
}

static void interrupt_hook(fs_uc_engine *engine, uint32_t number, void *user) {
    fs_core_state *state = user;
    if (state->stop_reason == FS_STOP_NONE) {
        state->stop_reason = FS_STOP_EXCEPTION;
        state->interrupt = number;
    }
    uc.emu_stop(engine);
}

static bool unmapped_hook(fs_uc_engine *engine, int type, uint64_t address, int size, int64_t value, void *user) {
    (void)size;
    (void)value;
    fs_core_state *state = user;
    if (state->stop_reason == FS_STOP_NONE) {
        state->stop_reason = FS_STOP_UNMAPPED;
        state->fault_address = address;
        state->fault_kind = type;
    }
    uc.emu_stop(engine);
    return false;
}

int fs_install_hooks(fs_uc_engine *engine, fs_core_state *state) {
    fs_uc_hook hook;
    int error = uc.hook_add(engine, &hook, FS_UC_HOOK_CODE, (void *)code_hook, state, (uint64_t)1, (uint64_t)0);
    if (error) return error;
    error = uc.hook_add(engine, &hook, FS_UC_HOOK_INTR, (void *)interrupt_hook, state, (uint64_t)1, (uint64_t)0);
    if (error) return error;
    return uc.hook_add(engine, &hook, FS_UC_HOOK_MEM_UNMAPPED, (void *)unmapped_hook, state, (uint64_t)1,
                       (uint64_t)0);
}

static void memory_access_hook(fs_uc_engine *engine, int type, uint64_t address, int size, int64_t value,
                               void *user) {
    (void)engine;
    fs_core_state *state = user;
    if (state->memory_access) state->memory_access(state->memory_context, type == FS_UC_MEM_WRITE, address, size, value);
}

int fs_install_memory_hook(fs_uc_engine *engine, fs_core_state *state, uint64_t begin, uint64_t end) {
    fs_uc_hook handle;
    return uc.hook_add(engine, &handle, FS_UC_HOOK_MEM_READ | FS_UC_HOOK_MEM_WRITE, (void *)memory_access_hook, state,
                       begin, end);
}

static void watch_hook(fs_uc_engine *engine, int type, uint64_t address, int size, int64_t value, void *user) {
    (void)engine;
    (void)value;
    fs_watch *watch = user;
    fs_core_state *state = watch->state;
    int write = type == FS_UC_MEM_WRITE;
    if (state->watch_hit || !(watch->kinds & (write ? FS_WATCH_WRITE : FS_WATCH_READ))) return;
    if (address >= watch->end || address + (uint64_t)size <= watch->begin) return;
    state->watch_hit = 1 + (int)(watch - state->watches);
    state->watch_hit_write = write;
}

int fs_add_watch(fs_uc_engine *engine, fs_core_state *state, uint64_t begin, uint64_t end, int kinds) {
    if (state->watch_count >= FS_MAX_WATCHPOINTS || end <= begin) return -1;
    fs_watch *watch = &state->watches[state->watch_count];
    watch->begin = begin;
    watch->end = end;
    watch->kinds = kinds;
    watch->state = state;
    // An access of up to 8 bytes starting before `begin` may still touch it.
    uint64_t first = begin >= 7 ? begin - 7 : 0;
    int error = uc.hook_add(engine, &watch->hook, FS_UC_HOOK_MEM_READ | FS_UC_HOOK_MEM_WRITE, (void *)watch_hook,
                            watch, first, end - 1);
    if (error) return error;
    state->watch_count++;
    return 0;
}

void fs_clear_watches(fs_uc_engine *engine, fs_core_state *state) {
    for (int index = 0; index < state->watch_count; index++) uc.hook_del(engine, state->watches[index].hook);
    state->watch_count = 0;
    state->watch_hit = 0;
}

void fs_stop(fs_uc_engine *engine, fs_core_state *state, int reason) {
    if (state->stop_reason == FS_STOP_NONE) state->stop_reason = reason;
    uc.emu_stop(engine);
}

// MARK: Capstone 4

typedef size_t cs_handle;
typedef struct cs_insn4 {
    unsigned int id;
    uint64_t address;
    uint16_t size;
    uint8_t bytes[16];
    char mnemonic[32];
    char op_str[160];
    void *detail;
} cs_insn4;

static struct {
    void *handle;
    cs_handle cs;
    size_t (*disasm)(cs_handle, const uint8_t *, size_t, uint64_t, size_t, cs_insn4 **);
    void (*free)(cs_insn4 *, size_t);
} cs;

int fs_capstone_load(const char *path) {
    if (cs.handle) return 0;
    void *handle = dlopen(path ? path : "libcapstone.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!handle) return -1;
    int (*open)(int, int, cs_handle *) = (int (*)(int, int, cs_handle *))dlsym(handle, "cs_open");
    *(void **)&cs.disasm = dlsym(handle, "cs_disasm");
    *(void **)&cs.free = dlsym(handle, "cs_free");
    // CS_ARCH_ARM = 0; CS_MODE_THUMB | CS_MODE_MCLASS.
    if (!open || !cs.disasm || !cs.free || open(0, (1 << 4) | (1 << 5), &cs.cs) != 0) {
        dlclose(handle);
        memset(&cs, 0, sizeof cs);
        return -2;
    }
    cs.handle = handle;
    return 0;
}

int fs_disassemble(const uint8_t *bytes, size_t count, uint64_t address, char *text, size_t capacity) {
    if (!cs.handle || capacity == 0) return 0;
    cs_insn4 *insn = NULL;
    if (cs.disasm(cs.cs, bytes, count, address, 1, &insn) != 1) return 0;
    int size = insn->size;
    size_t used = 0;
    for (const char *p = insn->mnemonic; *p && used + 1 < capacity; p++) text[used++] = *p;
    if (insn->op_str[0] && used + 1 < capacity) text[used++] = ' ';
    for (const char *p = insn->op_str; *p && used + 1 < capacity; p++) text[used++] = *p;
    text[used] = 0;
    cs.free(insn, 1);
    return size;
}
