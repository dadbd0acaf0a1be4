/* Slurm 24.11: declarations only this release has (none yet; its shims are declared in decl/). */

/* @fields partition_info_t */
uint32_t max_cpus_per_socket;
/* @end */

/* @fields node_info_t */
char *instance_id;
char *instance_type;
uint16_t res_cores_per_gpu;
char *gpu_spec;
time_t resume_after;
char *resv_name;
/* @end */

/* @fields update_node_msg_t */
uint32_t reason_uid;
uint32_t resume_after;
/* @end */
