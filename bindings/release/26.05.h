/* Slurm 26.05: declarations only this release has (none yet; its shims are declared in decl/). */

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
