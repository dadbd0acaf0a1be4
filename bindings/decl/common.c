/* errno as libslurm left it: slurm_get_errno() (gone in 23.11) returned just that. cffi restores
 * the errno saved after the previous call before calling this. */
#include <errno.h>

static int srpy_errno(void)
{
    return errno;
}
