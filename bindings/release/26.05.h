/* Slurm 26.05: declarations only this release has (none yet; its shims are declared in decl/). */
/* @fields job_desc_msg_t */
uint16_t oom_kill_step;
char *extra; char *container_id; uint16_t segment_size;
uint16_t resv_port_cnt; char *container_type; uint16_t mem_update_delay; uint16_t mem_update_margin;
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

/* slurmdbd's configuration (GET /slurmdb/v0.0.45/conf); older releases' slurmdb_config_get()
 * answers key pairs instead (release/before-26.05.c) */
typedef struct {
	char *archive_dir;
	char *archive_script;
	uint16_t commit_delay;
	char *dbd_addr;
	char *dbd_backup;
	char *dbd_host;
	uint16_t dbd_port;
	uint16_t debug_level;
	char *default_qos;
	uint32_t flags;
	char *log_file;
	uint32_t max_purge_limit;
	uint32_t max_time_range;
	char *parameters;
	uint16_t persist_conn_rc_flags;
	char *pid_file;
	uint32_t purge_event;
	uint32_t purge_job;
	uint32_t purge_resv;
	uint32_t purge_step;
	uint32_t purge_suspend;
	uint32_t purge_txn;
	uint32_t purge_usage;
	uint32_t purge_jobscript;
	uint32_t purge_jobenv;
	char *storage_loc;
	char *storage_pass_script;
	char *storage_user;
	uint16_t syslog_debug;
	uint16_t track_wckey;
	uint16_t track_ctld;
	...;
} slurmdbd_conf_t;
int slurmdb_config_get(void *db_conn, slurmdbd_conf_t **slurmdbd_conf_ptr);
void slurmdbd_free_conf(slurmdbd_conf_t *conf);  /* release/26.05.c */

/* @fields slurm_conf_t */
char *certgen_params;
char *certgen_type;
char *cli_filter_params;
uint16_t epilog_timeout;
uint16_t health_check_timeout;
char *http_parser_type;
uint32_t host_unreach_retry_count;
char *license_params;
char *metrics_auth_users;
char *metrics_params;
char *metrics_type;
char *namespace_plugin;
uint16_t prolog_timeout;
char *slurmctld_http_auth_params;
char *slurmd_http_auth_params;
char *url_parser_type;
/* @end */
