#include "CLineEdit.h"
#include <signal.h>
#include <string.h>

EditLine *pl_el_init(const char *prog) { return el_init(prog, stdin, stdout, stderr); }

int pl_el_set_prompt_esc(EditLine *el, pl_prompt_fn fn, char delim) {
    return el_set(el, EL_PROMPT_ESC, fn, delim);
}
int pl_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
int pl_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
int pl_el_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
int pl_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }

void *pl_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    return el_get(el, EL_CLIENTDATA, &data) == 0 ? data : NULL;
}

int pl_el_addfn(EditLine *el, const char *name, const char *help, pl_el_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

int pl_el_bind(EditLine *el, const char *key, const char *fname) {
    return el_set(el, EL_BIND, key, fname, (const char *)NULL); /* the list is NULL-terminated */
}

int pl_el_get_editmode(EditLine *el) {
    int on = 0;
    return el_get(el, EL_EDITMODE, &on) == 0 ? on : 0;
}

History *pl_history_init(int size, int unique) {
    HistEvent ev;
    History *h = history_init();
    if (h == NULL) return NULL;
    history(h, &ev, H_SETSIZE, size);
    history(h, &ev, H_SETUNIQUE, unique);
    return h;
}

int pl_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

int pl_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}

int pl_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

static volatile sig_atomic_t pl_sigint_seen = 0;

static void pl_on_sigint(int sig) {
    (void)sig;
    pl_sigint_seen = 1;
}

int pl_install_sigint_handler(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = pl_on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocking read() must return EINTR */
    return sigaction(SIGINT, &sa, NULL);
}

int pl_take_sigint(void) {
    /* An exchange, so a SIGINT landing between a read and a clear is never lost. */
    return __atomic_exchange_n(&pl_sigint_seen, 0, __ATOMIC_SEQ_CST) != 0;
}

