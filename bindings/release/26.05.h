/* Slurm 26.05: declarations only this release has (none yet; its shims are declared in decl/). */

/* @fields partition_info_t */
uint32_t max_cpus_per_socket;
/* @end */

/* @fields job_array_resp_msg_t */
char **err_msg;  /* 23.02 on: slurmctld's message per job */
/* @end */
