// C shim for FlashScope's curses backend.
// SwiftPM drops the -D flags pkg-config gives, so the wide-character API is
// switched on here; macros, globals and variadics Swift cannot import (or
// cannot touch safely in Swift 6) get small prefixed wrappers.
#ifndef FLASHSCOPE_CNCURSESW_SHIM_H
#define FLASHSCOPE_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Attributes (macros built with NCURSES_BITS do not import).
static inline attr_t fs_attr_normal(void) { return A_NORMAL; }
static inline attr_t fs_attr_bold(void) { return A_BOLD; }
static inline attr_t fs_attr_dim(void) { return A_DIM; }
static inline attr_t fs_attr_reverse(void) { return A_REVERSE; }
static inline attr_t fs_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t fs_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }

// Globals, read through functions so Swift 6 sees no shared mutable state.
static inline WINDOW *fs_stdscr(void) { return stdscr; }
static inline int fs_lines(void) { return LINES; }
static inline int fs_cols(void) { return COLS; }
static inline int fs_colors(void) { return COLORS; }
static inline int fs_color_pairs(void) { return COLOR_PAIRS; }

// getmaxyx is a macro assigning to its arguments.
static inline void fs_getmaxyx(WINDOW *win, int *rows, int *cols) {
    int y, x;
    getmaxyx(win, y, x);
    *rows = y;
    *cols = x;
}

// Mouse masks.
static inline mmask_t fs_mouse_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t fs_mouse_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t fs_mouse_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t fs_mouse_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t fs_mouse_button5_pressed(void) { return BUTTON5_PRESSED; }

// Drawing: text is never a format string (printw is variadic and unsafe).
static inline int fs_set_attr(attr_t attrs, short pair) {
    return wattr_set(stdscr, attrs, pair, NULL);
}
static inline int fs_add_string(int y, int x, const char *utf8) {
    return mvwaddstr(stdscr, y, x, utf8);
}

// Input: returns OK, KEY_CODE_YES or ERR; the key or character goes to *out.
static inline int fs_get_wch(int *out) {
    wint_t ch = 0;
    int rc = wget_wch(stdscr, &ch);
    *out = (int)ch;
    return rc;
}

#endif
