#ifndef CPROCESSCONTROL_H
#define CPROCESSCONTROL_H

/// prctl(PR_SET_CHILD_SUBREAPER, 1): orphaned descendants are re-parented to this process, not
/// to init. prctl is variadic, which Swift cannot call. Returns 0, or -1 with errno set.
int pl_become_child_subreaper(void);

/// pipe2(fds, O_CLOEXEC): both ends close-on-exec from the start, so a child started by another
/// thread at the same moment cannot inherit them. (pipe2 is a GNU extension Swift does not see.)
int pl_pipe_cloexec(int fds[2]);

/// mkostemp(template, O_CLOEXEC | O_APPEND), for the same reason.
int pl_mkstemp_cloexec_append(char *template_path);

#endif
