/* Slurm 26.05: declarations only this release has (none yet; its shims are declared in decl/). */
/* @fields job_desc_msg_t */
uint16_t oom_kill_step;
char *extra; char *container_id; uint16_t segment_size;
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

/* @fields slurmdb_job_rec_t */
char *exclusive;
char *oversubscribe;
char *resv_req;
uint16_t segment_size;
uint64_t sluid;
/* @end */

/* @fields slurmdb_step_rec_t */
char *std_err;
char *std_in;
char *std_out;
uint32_t timelimit;
/* @end */

/* @fields slurmdb_user_rec_t */
uint32_t def_qos_id;
/* @end */

/* @fields slurmdbd_ping_t */
int rc;
/* @end */
