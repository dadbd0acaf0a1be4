/* Slurm 24.11: declarations only this release has (none yet; its shims are declared in decl/). */

/* @fields partition_info_t */
uint32_t max_cpus_per_socket;
/* @end */

/* @fields slurm_job_info_t */
char *container_id; char *extra; char *failed_node; char *job_size_str;
uint32_t *priority_array; char *priority_array_names;
/* @end */
