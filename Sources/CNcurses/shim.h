#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncurses.h>

/* Accessors for what Swift cannot use directly: globals (not concurrency-safe) and macros. */

static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline int shim_cols(void) { return COLS; }
static inline int shim_lines(void) { return LINES; }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }

static inline unsigned int shim_a_normal(void) { return A_NORMAL; }
static inline unsigned int shim_a_bold(void) { return A_BOLD; }
static inline unsigned int shim_a_dim(void) { return A_DIM; }
static inline unsigned int shim_a_underline(void) { return A_UNDERLINE; }
static inline unsigned int shim_a_reverse(void) { return A_REVERSE; }

static inline int shim_key_f(int n) { return KEY_F(n); }

/* Opens the terminal named by TERM on stdin/stdout; NULL when TERM is unknown (instead of
   exiting the process as initscr does). */
static inline SCREEN *shim_newterm(void) { return newterm(NULL, stdout, stdin); }

/* Sets a window's attributes and colour pair for the next writes. */
static inline int shim_wattr_set(WINDOW *win, unsigned int attrs, int pair) {
    return wattr_set(win, (attr_t)attrs, (short)pair, NULL);
}

/* Reads one key or character; stores it in *out. Returns OK, KEY_CODE_YES or ERR. */
static inline int shim_get_wch(WINDOW *win, unsigned int *out) {
    wint_t ch = 0;
    int result = wget_wch(win, &ch);
    *out = (unsigned int)ch;
    return result;
}

/* Mouse: left presses and the wheel. */
static inline void shim_enable_mouse(void) {
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
}

/* Reads the pending mouse event: 1 left click, 4 wheel up, 5 wheel down, 0 other, -1 none. */
static inline int shim_get_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x;
    *y = event.y;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 5;
#endif
    return 0;
}

#endif
