#ifndef QUNDECK_CNCURSESW_SHIM_H
#define QUNDECK_CNCURSESW_SHIM_H
// Wide-character entry points (get_wch, mvadd_wch, setcchar) are only declared
// when these are defined before curses.h is included.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift cannot import function-like macros; these wrap the ones qundeck needs.
static inline int qd_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int qd_key_f(int n) { return KEY_F(n); }
static inline attr_t qd_a_bold(void) { return A_BOLD; }
static inline attr_t qd_a_reverse(void) { return A_REVERSE; }
static inline attr_t qd_a_underline(void) { return A_UNDERLINE; }
static inline attr_t qd_a_dim(void) { return A_DIM; }
static inline attr_t qd_a_normal(void) { return A_NORMAL; }
static inline WINDOW *qd_stdscr(void) { return stdscr; }
static inline int qd_lines(void) { return LINES; }
static inline int qd_cols(void) { return COLS; }
static inline int qd_colors(void) { return COLORS; }
static inline int qd_color_pairs(void) { return COLOR_PAIRS; }
// The C library's column count, which ncurses measures cells with.
static inline int qd_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }
// Mouse masks are macros too.
static inline mmask_t qd_mouse_events(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline int qd_mouse_kind(mmask_t state) {
    if (state & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (state & BUTTON4_PRESSED) return 4;
    if (state & BUTTON5_PRESSED) return 5;
    return 0;
}
// Where ncurses believes the terminal's cursor is after a refresh.
static inline int qd_screen_cury(void) { return getcury(curscr); }
static inline int qd_screen_curx(void) { return getcurx(curscr); }
#endif
