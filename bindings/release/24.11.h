/* Slurm 24.11: declarations only this release has (none yet; its shims are declared in decl/). */

/* @fields partition_info_t */
uint32_t max_cpus_per_socket;
/* @end */

/* @fields slurmdb_job_rec_t */
char *extra;
char *failed_node;
char *licenses;
char *qos_req;
uint16_t restart_cnt;
char *std_err;
char *std_in;
char *std_out;
/* @end */
