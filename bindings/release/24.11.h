/* Slurm 24.11: declarations only this release has (none yet; its shims are declared in decl/). */

/* @fields update_node_msg_t */
uint32_t reason_uid;
/* @end */
