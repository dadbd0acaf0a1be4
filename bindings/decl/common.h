/* Shared by every area: types, sentinels, errors, versions, init, the controller config. */
typedef int... time_t;
typedef int... uid_t;
typedef int... gid_t;

#define SLURM_SUCCESS ...
#define SLURM_ERROR ...
#define SLURM_VERSION_NUMBER ...
#define SRPY_RELEASE ...  /* the release layer built in (bindings/build.py): major * 100 + minor */

#define NO_VAL ...
#define NO_VAL16 ...
#define NO_VAL64 ...
#define INFINITE ...
#define INFINITE16 ...
#define INFINITE64 ...
#define INFINITE8 ...
#define NO_VAL8 ...

/* What a client sees when a daemon refuses its credential (slurm/credentials.py). */
#define SLURM_PROTOCOL_SOCKET_ZERO_BYTES_SENT ...
#define SLURM_PROTOCOL_AUTHENTICATION_ERROR ...

void slurm_init(const char *conf);
int srpy_errno(void);  /* errno after libslurm's last call (slurm_get_errno() until 23.02) */
char *slurm_strerror(int errnum);

/* JobDefaults' items (slurm_conf_t.job_defaults_list) */
typedef struct job_defaults {
    uint16_t type;
    uint64_t value;
    ...;
} job_defaults_t;

/* slurm_conf_t: the controller's configuration (slurm_load_ctl_conf). Add fields as areas need them. */
typedef struct {
    uint16_t accounting_storage_port;
    char *accounting_storage_type;
    char *cluster_name;
    uint32_t control_cnt;
    char **control_machine;
    uint16_t select_type_param;
    uint32_t cpu_freq_govs;
    char *gres_plugins;
    /* GET /slurm/v0.0.45/conf (parsers/tables/conf.py) */
    char *accounting_storage_tres;
    char *accounting_storage_backup_host;
    uint16_t accounting_storage_enforce;
    char *accounting_storage_ext_host;
    char *accounting_storage_host;
    char *accounting_storage_params;
    char *acct_gather_energy_type;
    char *acct_gather_profile_type;
    char *acct_gather_interconnect_type;
    char *acct_gather_filesystem_type;
    uint16_t acct_gather_node_freq;
    uint32_t conf_flags;
    char *authalttypes;
    char *authinfo;
    char *authalt_params;
    char *authtype;
    uint16_t batch_start_timeout;
    char *bb_type;
    char *bcast_exclude;
    char *bcast_parameters;
    char *cli_filter_plugins;
    char *comm_params;
    uint16_t complete_wait;
    uint32_t cpu_freq_def;
    char *cred_type;
    uint64_t debug_flags;
    uint64_t def_mem_per_cpu;
    char *dependency_params;
    uint16_t eio_timeout;
    uint16_t enforce_part_limits;
    uint32_t epilog_msg_time;
    char *fed_params;
    uint32_t first_job_id;
    uint16_t fs_dampening_factor;
    uint16_t group_time;
    uint16_t group_force;
    char *gpu_freq_def;
    uint16_t health_check_interval;
    uint16_t health_check_node_state;
    char *health_check_program;
    uint16_t inactive_limit;
    char *interactive_step_opts;
    char *job_acct_gather_freq;
    char *job_acct_gather_type;
    char *job_acct_gather_params;
    uint16_t job_acct_oom_kill;
    char *job_comp_host;
    char *job_comp_loc;
    char *job_comp_params;
    uint32_t job_comp_port;
    char *job_comp_type;
    char *job_comp_user;
    uint16_t job_file_append;
    uint16_t job_requeue;
    char *job_submit_plugins;
    uint32_t keepalive_interval;
    uint32_t keepalive_probes;
    uint32_t keepalive_time;
    uint16_t kill_on_bad_exit;
    uint16_t kill_wait;
    char *launch_params;
    char *licenses;
    uint16_t log_fmt;
    char *mail_domain;
    char *mail_prog;
    uint32_t max_array_sz;
    uint32_t max_dbd_msgs;
    uint32_t max_job_cnt;
    uint32_t max_job_id;
    uint64_t max_mem_per_cpu;
    uint32_t max_node_cnt;
    uint32_t max_step_cnt;
    uint16_t max_tasks_per_node;
    char *mcs_plugin;
    char *mcs_plugin_params;
    uint32_t min_job_age;
    char *mpi_default;
    char *mpi_params;
    uint16_t msg_timeout;
    char *node_features_plugins;
    uint16_t over_time_limit;
    char *plugindir;
    char *plugstack;
    uint32_t preempt_exempt_time;
    uint16_t preempt_mode;
    char *preempt_type;
    char *prep_params;
    char *prep_plugins;
    uint32_t priority_decay_hl;
    uint32_t priority_calc_period;
    uint16_t priority_favor_small;
    uint16_t priority_flags;
    uint32_t priority_max_age;
    char *priority_params;
    uint16_t priority_reset_period;
    char *priority_type;
    uint32_t priority_weight_age;
    uint32_t priority_weight_assoc;
    uint32_t priority_weight_fs;
    uint32_t priority_weight_js;
    uint32_t priority_weight_part;
    uint32_t priority_weight_qos;
    char *priority_weight_tres;
    uint16_t private_data;
    char *proctrack_type;
    uint16_t propagate_prio_process;
    uint16_t prolog_flags;
    char *propagate_rlimits;
    char *propagate_rlimits_except;
    char *reboot_program;
    uint16_t reconfig_flags;
    char *requeue_exit;
    char *requeue_exit_hold;
    char *resume_fail_program;
    char *resume_program;
    uint16_t resume_rate;
    uint16_t resume_timeout;
    char *resv_epilog;
    uint16_t resv_over_run;
    char *resv_prolog;
    uint16_t ret2service;
    char *sched_logfile;
    uint16_t sched_log_level;
    char *sched_params;
    uint16_t sched_time_slice;
    char *schedtype;
    char *scron_params;
    char *select_type;
    char *site_factor_plugin;
    char *site_factor_params;
    uint32_t slurm_user_id;
    char *slurm_user_name;
    uint32_t slurmd_user_id;
    char *slurmd_user_name;
    char *slurmctld_addr;
    uint16_t slurmctld_debug;
    char *slurmctld_logfile;
    char *slurmctld_pidfile;
    uint32_t slurmctld_port;
    uint16_t slurmctld_port_count;
    char *slurmctld_primary_off_prog;
    char *slurmctld_primary_on_prog;
    uint16_t slurmctld_syslog_debug;
    uint16_t slurmctld_timeout;
    char *slurmctld_params;
    uint16_t slurmd_debug;
    char *slurmd_logfile;
    char *slurmd_params;
    char *slurmd_pidfile;
    uint32_t slurmd_port;
    char *slurmd_spooldir;
    uint16_t slurmd_syslog_debug;
    uint16_t slurmd_timeout;
    char *srun_epilog;
    uint16_t *srun_port_range;
    char *srun_prolog;
    char *state_save_location;
    char *suspend_exc_nodes;
    char *suspend_exc_parts;
    char *suspend_program;
    uint16_t suspend_rate;
    uint32_t suspend_time;
    uint16_t suspend_timeout;
    char *switch_type;
    char *switch_param;
    char *task_epilog;
    char *task_plugin;
    uint32_t task_plugin_param;
    char *task_prolog;
    uint16_t tcp_timeout;
    char *tmp_fs;
    char *topology_param;
    char *topology_plugin;
    uint16_t tree_width;
    char *unkillable_program;
    uint16_t unkillable_timeout;
    uint16_t vsize_factor;
    uint16_t wait_time;
    char *x11_params;
    char **control_addr;
    time_t last_update;
    time_t boot_time;
    uint32_t hash_val;
    uint32_t next_job_id;
    char *slurm_conf;
    char *version;
    struct xlist *job_defaults_list;  /* List until 23.02, list_t * after: job_defaults_t items */
    /* @fields slurm_conf_t */
    ...;
} slurm_conf_t;

int slurm_load_ctl_conf(time_t update_time, slurm_conf_t **slurm_ctl_conf_ptr);
void slurm_free_ctl_conf(slurm_conf_t *slurm_ctl_conf_ptr);
/* HealthCheckNodeState's bits (they moved in 26.05: parsers/tables/conf.py) */
#define HEALTH_CHECK_NODE_ANY ...
#define HEALTH_CHECK_CYCLE ...

/* The errnos a parser version's router turns into a status other than 500 (parsers/status.py). */
#define ESLURM_REST_INVALID_QUERY ...
#define ESLURM_REST_FAIL_PARSING ...
#define ESLURM_REST_INVALID_JOBS_DESC ...
#define ESLURM_DATA_UNKNOWN_MIME_TYPE ...
#define ESLURM_INVALID_JOB_ID ...
#define ESLURM_REST_EMPTY_RESULT ...
#define SLURM_PROTOCOL_SOCKET_IMPL_TIMEOUT ...
#define SLURM_COMMUNICATIONS_CONNECTION_ERROR ...
#define SLURM_COMMUNICATIONS_SEND_ERROR ...
#define SLURM_COMMUNICATIONS_RECEIVE_ERROR ...
#define SLURM_COMMUNICATIONS_SHUTDOWN_ERROR ...
#define SLURMCTLD_COMMUNICATIONS_CONNECTION_ERROR ...
#define SLURMCTLD_COMMUNICATIONS_SEND_ERROR ...
#define SLURMCTLD_COMMUNICATIONS_RECEIVE_ERROR ...
#define SLURMCTLD_COMMUNICATIONS_SHUTDOWN_ERROR ...
#define ESLURM_DB_CONNECTION ...
#define ESLURM_PROTOCOL_INCOMPLETE_PACKET ...
