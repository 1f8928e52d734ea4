#ifndef CPROCESSCONTROL_H
#define CPROCESSCONTROL_H

/// prctl(PR_SET_CHILD_SUBREAPER, 1): orphaned descendants are re-parented to this process, not
/// to init. prctl is variadic, which Swift cannot call. Returns 0, or -1 with errno set.
int pl_become_child_subreaper(void);

#endif
