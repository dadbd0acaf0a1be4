/* dbv0.0.38 jobs, job/{job_id} and diag: the accounting job query, its records and slurmdbd's
 * statistics. Needs List (decl/slurmdb.h) and hostlist_t (decl/jobs.h). */
typedef struct {
	uint32_t job_id;
	uint32_t step_het_comp;
	uint32_t step_id;
	...;  /* 24.11 puts a 64-bit sluid first */
} slurm_step_id_t;

typedef struct {
	List acct_list;
	List associd_list;
	List cluster_list;
	List constraint_list;
	uint32_t cpus_max;
	uint32_t cpus_min;
	uint32_t db_flags;
	int32_t exitcode;
	uint32_t flags;
	List format_list;
	List groupid_list;
	List jobname_list;
	uint32_t nodes_max;
	uint32_t nodes_min;
	List partition_list;
	List qos_list;
	List reason_list;
	List resv_list;
	List state_list;
	List step_list;
	List resvid_list;
	uint32_t timelimit_max;
	uint32_t timelimit_min;
	time_t usage_end;
	time_t usage_start;
	char *used_nodes;
	List userid_list;
	List wckey_list;
	...;
} slurmdb_job_cond_t;

typedef struct {
	double act_cpufreq;
	uint64_t consumed_energy;
	char *tres_usage_in_ave;
	char *tres_usage_in_max;
	char *tres_usage_in_max_nodeid;
	char *tres_usage_in_max_taskid;
	char *tres_usage_in_min;
	char *tres_usage_in_min_nodeid;
	char *tres_usage_in_min_taskid;
	char *tres_usage_in_tot;
	char *tres_usage_out_ave;
	char *tres_usage_out_max;
	char *tres_usage_out_max_nodeid;
	char *tres_usage_out_max_taskid;
	char *tres_usage_out_min;
	char *tres_usage_out_min_nodeid;
	char *tres_usage_out_min_taskid;
	char *tres_usage_out_tot;
	...;
} slurmdb_stats_t;

typedef struct {
	char *account;
	char *admin_comment;
	uint32_t alloc_nodes;
	uint32_t array_job_id;
	uint32_t array_max_tasks;
	uint32_t array_task_id;
	char *array_task_str;
	uint32_t associd;
	char *blockid;
	char *cluster;
	char *constraints;
	char *container;
	uint32_t derived_ec;
	char *derived_es;
	uint32_t elapsed;
	time_t eligible;
	time_t end;
	uint32_t exitcode;
	uint32_t flags;
	uint32_t gid;
	uint32_t het_job_id;
	uint32_t het_job_offset;
	uint32_t jobid;
	char *jobname;
	char *mcs_label;
	char *nodes;
	char *partition;
	uint32_t priority;
	uint32_t qosid;
	uint32_t req_cpus;
	uint64_t req_mem;
	uint32_t requid;
	uint32_t resvid;
	char *resv_name;
	char *script;
	time_t start;
	uint32_t state;
	uint32_t state_reason_prev;
	List steps;
	time_t submit;
	char *submit_line;
	uint32_t suspended;
	char *system_comment;
	uint64_t sys_cpu_sec;
	uint64_t sys_cpu_usec;
	uint32_t timelimit;
	uint64_t tot_cpu_sec;
	uint64_t tot_cpu_usec;
	char *tres_alloc_str;
	char *tres_req_str;
	uint32_t uid;
	char *used_gres;
	char *user;
	uint64_t user_cpu_sec;
	uint64_t user_cpu_usec;
	char *wckey;
	char *work_dir;
	char *env;
	uint64_t db_index;
	/* @fields slurmdb_job_rec_t */
	...;
} slurmdb_job_rec_t;

typedef struct {
	uint32_t elapsed;
	time_t end;
	int32_t exitcode;
	uint32_t nnodes;
	char *nodes;
	uint32_t ntasks;
	char *pid_str;
	uint32_t req_cpufreq_min;
	uint32_t req_cpufreq_max;
	uint32_t req_cpufreq_gov;
	uint32_t requid;
	time_t start;
	uint32_t state;
	slurmdb_stats_t stats;
	slurm_step_id_t step_id;
	char *stepname;
	uint32_t suspended;
	uint64_t sys_cpu_sec;
	uint32_t sys_cpu_usec;
	uint32_t task_dist;
	uint64_t tot_cpu_sec;
	uint32_t tot_cpu_usec;
	char *tres_alloc_str;
	uint64_t user_cpu_sec;
	uint32_t user_cpu_usec;
	char *submit_line;
	/* @fields slurmdb_step_rec_t */
	...;
} slurmdb_step_rec_t;

typedef struct {
	uint16_t count[...];
	time_t timestamp[...];
	uint64_t time_last[...];
	uint64_t time_max[...];
	uint64_t time_total[...];
	...;
} slurmdb_rollup_stats_t;

typedef struct {
	uint32_t cnt;
	uint32_t id;
	uint64_t time;
	uint64_t time_ave;
	...;
} slurmdb_rpc_obj_t;

typedef struct {
	slurmdb_rollup_stats_t *dbd_rollup_stats;
	List rpc_list;
	time_t time_start;
	List user_list;
	...;
} slurmdb_stats_rec_t;

List slurmdb_jobs_get(void *db_conn, slurmdb_job_cond_t *job_cond);
List slurmdb_job_modify(void *db_conn, slurmdb_job_cond_t *job_cond, slurmdb_job_rec_t *job);
void slurmdb_job_cond_def_start_end(slurmdb_job_cond_t *job_cond);
int slurmdb_get_stats(void *db_conn, slurmdb_stats_rec_t **stats);
void slurmdb_destroy_stats_rec(void *object);
void slurm_destroy_selected_step(void *object);
int slurm_hostlist_count(hostlist_t hl);
char *slurm_hostlist_shift(hostlist_t hl);

/* Exported by libslurm.so.38, declared in decl/slurmdb_jobs.c (not in the installed headers);
 * slurm_xfree() is in decl/nodes.h. */
int slurm_addto_char_list(List char_list, char *names);
int slurm_addto_step_list(List step_list, char *names);
time_t slurm_parse_time(const char *time_str, int past);
uint32_t slurm_job_state_num(const char *state_name);
char *slurm_step_layout_type_name(uint32_t task_dist);
void slurm_xfree_ptr(void *item);

#define JOBCOND_FLAG_DUP ...
#define JOBCOND_FLAG_NO_STEP ...
#define JOBCOND_FLAG_NO_TRUNC ...
#define JOBCOND_FLAG_NO_WAIT ...
#define JOBCOND_FLAG_NO_DEFAULT_USAGE ...
#define SLURMDB_JOB_FLAG_NOTSET ...
#define SLURMDB_JOB_FLAG_SUBMIT ...
#define SLURMDB_JOB_FLAG_SCHED ...
#define SLURMDB_JOB_FLAG_BACKFILL ...
#define SLURMDB_JOB_CLEAR_SCHED ...
#define JOB_END ...
#define DBD_ROLLUP_COUNT ...
#define CPU_FREQ_CONSERVATIVE ...
#define CPU_FREQ_PERFORMANCE ...
#define CPU_FREQ_POWERSAVE ...
#define CPU_FREQ_ONDEMAND ...
#define CPU_FREQ_USERSPACE ...
#define ESLURM_DATA_CONV_FAILED ...
#define ESLURM_DB_CONNECTION_INVALID ...

/* the parser versions' job and step tables (parsers/tables/slurmdb_jobs.py) */
#define SLURMDB_JOB_FLAG_START_R ...
#define SLURMDB_JOB_FLAG_ALTERED ...
#define JOB_EXPEDITING ...
#define JOBCOND_FLAG_WHOLE_HETJOB ...
#define JOBCOND_FLAG_NO_WHOLE_HETJOB ...
#define JOBCOND_FLAG_SCRIPT ...
#define JOBCOND_FLAG_ENV ...
#define CPU_FREQ_LOW ...
#define CPU_FREQ_MEDIUM ...
#define CPU_FREQ_HIGHM1 ...
#define CPU_FREQ_HIGH ...
#define CPU_FREQ_SCHEDUTIL ...
#define CPU_FREQ_RANGE_FLAG ...
#define ESLURM_USER_ID_UNKNOWN ...
#define ESLURM_GROUP_ID_UNKNOWN ...
