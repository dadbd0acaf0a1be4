/* Node state names: exported by libslurm.so.38 (strong aliases in Slurm 22.05's
 * src/common/slurm_protocol_defs.c) but not declared by <slurm/slurm.h>. */
#include <stdbool.h>

extern bool slurm_valid_base_state(uint32_t state);
extern const char *slurm_node_state_base_string(uint32_t state);
extern const char *slurm_node_state_flag_string_single(uint32_t *state);

/* src/common/xmalloc.h: frees what select_nodeinfo's TRES string getter allocated. */
extern void slurm_xfree(void **item);
