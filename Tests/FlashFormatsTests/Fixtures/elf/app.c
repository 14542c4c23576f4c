/* A tiny Cortex-M33 program for FlashFormats' ELF reader tests.
   `counter` and `table` are initialised data: they run in RAM (0x20000000)
   but are stored in flash after .text, so .data's load address differs
   from its run address. */
typedef unsigned int u32;

extern u32 _estack, _sidata, _sdata, _edata, _sbss, _ebss;

volatile u32 counter = 0x12345678u;
volatile u32 table[4] = {0xA1A2A3A4u, 0xB1B2B3B4u, 0xC1C2C3C4u, 0xD1D2D3D4u};
volatile u32 zeroed[8];

void Reset_Handler(void);

__attribute__((section(".isr_vector"), used))
const void *vectors[2] = {&_estack, (void *)Reset_Handler};

void Reset_Handler(void) {
    u32 *src = &_sidata;
    for (u32 *dst = &_sdata; dst < &_edata;) *dst++ = *src++;
    for (u32 *dst = &_sbss; dst < &_ebss;) *dst++ = 0;
    for (;;) counter += table[counter & 3];
}
