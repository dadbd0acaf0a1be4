/* Slurm 26.05: declarations only this release has (none yet; its shims are declared in decl/). */
/* @fields job_desc_msg_t */
uint16_t oom_kill_step;
/* @end */

/* @fields node_info_t */
uint16_t cert_flags;
time_t cert_last_renewal;
char *topology_str;
uint32_t suspend_time;
/* @end */

/* @fields partition_info_t */
char *topology_name;
/* @end */

/* @fields update_node_msg_t */
char *topology_str;
/* @end */

/* @fields slurm_license_info_t */
char *nodes;
/* @end */

/* @fields slurm_job_info_t */
char *container_type;
char *licenses_allocated;
uint16_t mem_update_delay;
uint16_t mem_update_margin;
uint16_t segment_size;
char *submit_line;
/* @end */
