/* Slurm 22.05: declarations only this release has (none yet; its shims are declared in decl/). */

/* @fields update_node_msg_t */
uint32_t reason_uid;
/* @end */

/* @fields resv_desc_msg_t */
uint32_t *core_cnt;
uint32_t *node_cnt;
/* @end */

/* @fields slurm_conf_t */
char *epilog;
char *epilog_slurmctld;
char *prolog;
char *prolog_slurmctld;
/* @end */
