/* Slurm 24.11: declarations only this release has (none yet; its shims are declared in decl/). */

/* @fields update_node_msg_t */
uint32_t reason_uid;
/* @end */
/* @fields job_desc_msg_t */
uint16_t oom_kill_step;
char *extra; char *container_id; uint16_t segment_size;
uint16_t resv_port_cnt;
/* @end */
