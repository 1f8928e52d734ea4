#ifndef CLINEEDIT_H
#define CLINEEDIT_H
#include <stdio.h>
#include <histedit.h>

// Fixed-signature wrappers around libedit's variadic el_set / el_get / history: Swift cannot call
// C variadic functions, so each (operation, argument types) pair parlearn uses gets one function.
// Non-variadic libedit calls (el_gets, el_line, el_insertstr, el_source, el_end, history_end) are
// used from Swift directly through CLibEdit.

typedef char *_Nullable (*pl_prompt_fn)(EditLine *_Nonnull el);
typedef unsigned char (*pl_el_fn)(EditLine *_Nonnull el, int ch);

/// el_init on the process's stdin, stdout and stderr.
EditLine *_Nullable pl_el_init(const char *_Nonnull prog);
/// A prompt whose invisible runs (ANSI colour codes) are enclosed in `delim`, so that libedit
/// measures only the visible width.
int pl_el_set_prompt_esc(EditLine *_Nonnull el, pl_prompt_fn _Nonnull fn, char delim);
int pl_el_set_editor(EditLine *_Nonnull el, const char *_Nonnull mode); /* "emacs" or "vi" */
int pl_el_set_signal(EditLine *_Nonnull el, int on);
int pl_el_set_hist(EditLine *_Nonnull el, History *_Nonnull h);
int pl_el_set_clientdata(EditLine *_Nonnull el, void *_Nullable data);
void *_Nullable pl_el_get_clientdata(EditLine *_Nonnull el);
int pl_el_addfn(EditLine *_Nonnull el, const char *_Nonnull name, const char *_Nonnull help,
                pl_el_fn _Nonnull fn);
/// Binds `key` to a function added with pl_el_addfn first (a missing name corrupts libedit's heap).
int pl_el_bind(EditLine *_Nonnull el, const char *_Nonnull key, const char *_Nonnull fname);
/// 1 when libedit is really editing (it turns editing off when it cannot set up the terminal).
int pl_el_get_editmode(EditLine *_Nonnull el);

/// A history of at most `size` entries; `unique` drops consecutive duplicates.
History *_Nullable pl_history_init(int size, int unique);
int pl_history_enter(History *_Nonnull h, const char *_Nonnull line);
/// Returns the number of entries read, or -1 (missing file, or not a libedit history file).
int pl_history_load(History *_Nonnull h, const char *_Nonnull path);
/// Writes the whole history to `path` (mode 0600). Returns -1 on failure.
int pl_history_save(History *_Nonnull h, const char *_Nonnull path);

// SIGINT plumbing shared by the prompt and the program runner. The handler only sets a
// sig_atomic_t flag and is installed WITHOUT SA_RESTART, so a blocking read() inside el_gets
// fails with EINTR and el_gets returns NULL.

/// Installs the flag handler (idempotent). Returns 0 or -1 with errno.
int pl_install_sigint_handler(void);
/// Returns 1 and clears the flag if SIGINT arrived since the last call, else 0.
int pl_take_sigint(void);

#endif
