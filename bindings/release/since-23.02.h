/* The fields 24.11 and 26.05 both have beyond decl/'s (build.py SHARED): structs they extend alike. */

/* @fields partition_info_t */
uint32_t max_cpus_per_socket;
/* @end */

/* @fields slurm_license_info_t */
uint32_t last_consumed;
uint32_t last_deficit;
time_t last_update;
/* @end */

/* @fields stats_info_response_msg_t */
uint32_t *schedule_exit;
uint32_t schedule_exit_cnt;
uint32_t *bf_exit;
uint32_t bf_exit_cnt;
uint8_t rpc_queue_enabled;
uint16_t *rpc_type_queued;
uint64_t *rpc_type_dropped;
uint16_t *rpc_type_cycle_last;
uint16_t *rpc_type_cycle_max;
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
uint32_t resume_after;
/* @end */

/* @fields job_array_resp_msg_t */
char **err_msg;  /* 23.02 on: slurmctld's message per job */
/* @end */

/* @fields slurmdb_accounting_rec_t */
uint32_t id_alt;
/* @end */

/* @fields slurm_job_info_t */
char *container_id; char *extra; char *failed_node; char *job_size_str;
uint32_t *priority_array; char *priority_array_names;
/* @end */

/* @fields slurmdb_assoc_rec_t */
char *comment;
char *lineage;
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

/* @fields resv_desc_msg_t */
char *comment;
uint32_t core_cnt;
uint32_t node_cnt;
/* @end */

/* @fields slurm_conf_t */
char *certmgr_params;
char *certmgr_type;
char *data_parser_parameters;
uint16_t getnameinfo_cache_timeout;
char *hash_plugin;
uint32_t max_batch_requeue;
char *preempt_params;
char *suspend_exc_states;
char *tls_params;
char *tls_type;
uint32_t epilog_cnt;
uint32_t epilog_slurmctld_cnt;
uint32_t prolog_cnt;
uint32_t prolog_slurmctld_cnt;
uint16_t cluster_id;
char **epilog;
char **epilog_slurmctld;
char **prolog;
char **prolog_slurmctld;
/* @end */
