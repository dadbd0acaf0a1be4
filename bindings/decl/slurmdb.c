/* Widths that changed between releases, taken from the installed header (decl/slurmdb.h). */
typedef __typeof__(((slurmdb_assoc_rec_t *) 0)->flags) srpy_assoc_flags_t;

/* accounting_storage/slurmdbd calls slurmdbd_msg_type_2_str() when it logs a failed RPC (e.g. on
 * closing a connection whose query was denied); that symbol lives in libslurmfull, which the
 * reference links and libslurm.so does not export. Our module is loaded RTLD_GLOBAL, so this
 * stand-in resolves it: the message number, as the real one prints an unknown type. */
#include <stdio.h>

char *slurmdbd_msg_type_2_str(int msg_type, int get_enum)
{
    static char buf[16];
    snprintf(buf, sizeof(buf), "%d", msg_type);
    return buf;
}
