#define _GNU_SOURCE
#include "CProcessControl.h"
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/prctl.h>
int pl_become_child_subreaper(void) { return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }
#else
int pl_become_child_subreaper(void) { return -1; }
#endif

int pl_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int pl_mkstemp_cloexec_append(char *template_path) { return mkostemp(template_path, O_CLOEXEC | O_APPEND); }
