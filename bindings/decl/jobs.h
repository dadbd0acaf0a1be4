/* /slurm/v0.0.38/jobs, job/{job_id}, job/submit: load, submit, update, signal. */
typedef int64_t bitstr_t;
typedef struct hostlist *hostlist_t;

/* job_resources_t is opaque in <slurm/slurm.h>; decl/jobs.c gives libslurm's layout. */
typedef struct job_resources {
    bitstr_t *core_bitmap;
    bitstr_t *core_bitmap_used;
    uint16_t *cpus;
    uint16_t *cpus_used;
    uint16_t *cores_per_socket;
    uint64_t *memory_allocated;
    uint64_t *memory_used;
    uint32_t nhosts;
    char *nodes;
    uint32_t ncpus;
    uint32_t *sock_core_rep_count;
    uint16_t *sockets_per_node;
    ...;
} job_resources_t;

/* Fields whose width changed between releases: the compiler gives it (decl/jobs.c). */
typedef int... srpy_job_state_reason_t;   /* uint16_t in 22.05, uint32_t in 24.11 and 26.05 */

typedef struct job_info {
    char *account; time_t accrue_time; char *admin_comment;
    uint32_t array_job_id; uint32_t array_task_id; uint32_t array_max_tasks; char *array_task_str;
    uint32_t assoc_id; char *batch_features; uint16_t batch_flag; char *batch_host;
    uint64_t bitflags; char *burst_buffer; char *burst_buffer_state; char *cluster;
    char *cluster_features; char *command; char *comment; char *container;
    uint16_t contiguous; uint16_t core_spec; uint16_t cores_per_socket; double billable_tres;
    uint16_t cpus_per_task; uint32_t cpu_freq_min; uint32_t cpu_freq_max; uint32_t cpu_freq_gov;
    char *cpus_per_tres; time_t deadline; uint32_t delay_boot; char *dependency;
    uint32_t derived_ec; time_t eligible_time; time_t end_time; char *exc_nodes;
    uint32_t exit_code; char *features; char *fed_origin_str; char *fed_siblings_active_str;
    char *fed_siblings_viable_str; uint32_t gres_detail_cnt; char **gres_detail_str;
    uint32_t group_id; uint32_t het_job_id; char *het_job_id_set; uint32_t het_job_offset;
    uint32_t job_id; job_resources_t *job_resrcs; uint32_t job_state; time_t last_sched_eval;
    char *licenses; uint32_t max_cpus; uint32_t max_nodes; char *mcs_label; char *mem_per_tres;
    char *name; char *nodes; uint32_t nice; uint16_t ntasks_per_core; uint16_t ntasks_per_node;
    uint16_t ntasks_per_socket; uint16_t ntasks_per_board; uint32_t num_cpus; uint32_t num_nodes;
    uint32_t num_tasks; char *partition; char *prefer; uint64_t pn_min_memory;
    uint16_t pn_min_cpus; uint32_t pn_min_tmp_disk; time_t preempt_time; time_t pre_sus_time;
    uint32_t priority; uint32_t profile; char *qos; uint8_t reboot; char *req_nodes;
    uint16_t requeue; time_t resize_time; uint16_t restart_cnt; char *resv_name;
    uint16_t shared; uint16_t sockets_per_board; uint16_t sockets_per_node;
    time_t start_time; char *state_desc; srpy_job_state_reason_t state_reason; char *std_err; char *std_in;
    char *std_out; time_t submit_time; time_t suspend_time; char *system_comment;
    uint32_t time_limit; uint32_t time_min; uint16_t threads_per_core; char *tres_bind;
    char *tres_freq; char *tres_per_job; char *tres_per_node; char *tres_per_socket;
    char *tres_per_task; char *tres_req_str; char *tres_alloc_str; uint32_t user_id;
    char *user_name; char *wckey; char *work_dir;
    ...;
} slurm_job_info_t;

typedef struct job_info_msg {
    time_t last_update;
    uint32_t record_count;
    slurm_job_info_t *job_array;
    ...;
} job_info_msg_t;

typedef struct job_descriptor {
    char *account; char *acctg_freq; uint32_t argc; char **argv; char *array_inx;
    char *batch_features; time_t begin_time; uint64_t bitflags; char *burst_buffer;
    char *cluster_features; char *comment; uint16_t contiguous; char *container;
    uint16_t core_spec; uint32_t cpu_freq_min; uint32_t cpu_freq_max; uint32_t cpu_freq_gov;
    char *cpus_per_tres; time_t deadline; uint32_t delay_boot; char *dependency;
    char **environment; uint32_t env_size; char *exc_nodes; char *features;
    uint32_t group_id; uint16_t immediate; char *job_id_str; uint16_t kill_on_node_fail;
    char *licenses; uint16_t mail_type; char *mail_user; char *mcs_label; char *mem_per_tres;
    char *name; uint32_t nice; uint32_t num_tasks; uint8_t open_mode; uint8_t overcommit;
    char *partition; char *prefer; uint32_t priority; uint32_t profile; char *qos;
    uint16_t reboot; char *req_nodes; uint16_t requeue; char *reservation; char *script;
    uint16_t shared; uint32_t site_factor; uint32_t task_dist; uint32_t time_limit;
    uint32_t time_min; char *tres_bind; char *tres_freq; char *tres_per_job;
    char *tres_per_node; char *tres_per_socket; char *tres_per_task; uint32_t user_id;
    uint16_t wait_all_nodes; uint16_t warn_flags; uint16_t warn_signal; uint16_t warn_time;
    char *work_dir; uint16_t cpus_per_task; uint32_t min_cpus; uint32_t max_cpus;
    uint32_t min_nodes; uint32_t max_nodes; uint16_t sockets_per_node;
    uint16_t cores_per_socket; uint16_t threads_per_core; uint16_t ntasks_per_node;
    uint16_t ntasks_per_socket; uint16_t ntasks_per_core; uint16_t ntasks_per_tres;
    uint16_t pn_min_cpus; uint64_t pn_min_memory; uint32_t pn_min_tmp_disk; uint32_t req_switch;
    char *std_err; char *std_in; char *std_out; uint32_t wait4switch; char *wckey;
    char *mem_bind; uint16_t mem_bind_type; uint16_t plane_size;
    char *admin_comment; char *alloc_node; uint16_t alloc_resp_port;  /* v0.0.4x job_desc */
    ...;
} job_desc_msg_t;

typedef struct submit_response_msg {
    uint32_t error_code;
    char *job_submit_user_msg;
    ...;
} submit_response_msg_t;

typedef struct {
    uint32_t job_array_count;
    char **job_array_id;
    uint32_t *error_code;
    /* @fields job_array_resp_msg_t */
    ...;
} job_array_resp_msg_t;

#define SHOW_ALL ...
#define SHOW_DETAIL ...
#define SHOW_LOCAL ...
#define SHOW_SIBLING ...
#define SHOW_FEDERATION ...
#define SHOW_FUTURE ...
#define KILL_FULL_JOB ...
#define SLURM_NO_CHANGE_IN_DATA ...
#define ESLURM_ALREADY_DONE ...
#define CR_CPU ...
#define CR_SOCKET ...
#define CR_CORE ...
#define SLURM_PENDING_STEP ...
#define SLURM_BATCH_SCRIPT ...
#define SLURM_EXTERN_CONT ...
#define SLURM_INTERACTIVE_STEP ...
/* job_allocate()'s errors that leave a submitted job pending (v0.0.4x: warnings) */
#define ESLURM_NODES_BUSY ...
#define ESLURM_RESERVATION_BUSY ...
#define ESLURM_JOB_HELD ...
#define ESLURM_NODE_NOT_AVAIL ...
#define ESLURM_QOS_THRES ...
#define ESLURM_ACCOUNTING_POLICY ...
#define ESLURM_RESERVATION_NOT_USABLE ...
#define ESLURM_REQUESTED_PART_CONFIG_UNAVAILABLE ...
#define ESLURM_BURST_BUFFER_WAIT ...
#define ESLURM_PARTITION_DOWN ...
#define ESLURM_LICENSES_UNAVAILABLE ...
#define ESLURM_PORTS_BUSY ...

extern slurm_conf_t slurm_conf;

int slurm_load_jobs(time_t update_time, job_info_msg_t **job_info_msg_pptr, uint16_t show_flags);
/* slurm_load_job() by job id (it takes a slurm_step_id_t since 26.05). */
int srpy_load_job(job_info_msg_t **resp, uint32_t job_id, uint16_t show_flags);
void slurm_free_job_info_msg(job_info_msg_t *job_buffer_ptr);
uint32_t srpy_xlate_job_id(const char *job_id_str);  /* slurm_xlate_job_id(), gone in 23.11 */
char *slurm_job_state_string(uint32_t inx);
char *slurm_job_reason_string(int inx);

void slurm_init_job_desc_msg(job_desc_msg_t *job_desc_msg);
int slurm_submit_batch_job(job_desc_msg_t *job_desc_msg, submit_response_msg_t **slurm_alloc_msg);
/* slurm_submit_batch_het_job() over an array: decl/jobs.c builds the List. */
int srpy_submit_batch_het_job(job_desc_msg_t **descs, int count, submit_response_msg_t **resp);
void slurm_free_submit_response_response_msg(submit_response_msg_t *msg);
int slurm_update_job2(job_desc_msg_t *job_msg, job_array_resp_msg_t **resp);
void slurm_free_job_array_resp(job_array_resp_msg_t *resp);
int slurm_kill_job2(const char *job_id, uint16_t signal, uint16_t flags, const char *sibling);

hostlist_t slurm_hostlist_create(const char *hostlist);
char *slurm_hostlist_nth(hostlist_t hl, int n);
void slurm_hostlist_destroy(hostlist_t hl);
void slurm_hostlist_uniq(hostlist_t hl);
char *slurm_hostlist_ranged_string_xmalloc(hostlist_t hl);  /* slurm_xfree() it */
int64_t slurm_bit_size(bitstr_t *b);
bool slurm_bit_test(bitstr_t *b, int64_t bit);
void free(void *ptr);

/* submit_response_msg_t's job and step ids (a slurm_step_id_t since 25.11). */
uint32_t srpy_submit_job_id(const submit_response_msg_t *resp);
uint32_t srpy_submit_step_id(const submit_response_msg_t *resp);

/* Fields some releases dropped (release/<R>.c): job_info_t.show_flags (gone in 23.02: the flags
 * the job was loaded with). */
uint16_t srpy_job_show_flags(const slurm_job_info_t *job, uint16_t loaded_with);

/* DELETE job/{job_id}, jobs/ (v0.0.4x): slurm_kill_jobs() over job id strings (23.11 on; on 22.05 one
 * slurm_kill_job2() per id), its answers flattened (release/<R>.c); free them with
 * srpy_free_kill_results(). */
typedef struct {
    uint32_t error_code;
    char *error_msg;
    char *id;
    uint32_t real_job_id;
    char *sibling;
} srpy_kill_result_t;
int srpy_kill_jobs(char **jobs, uint32_t count, uint16_t signal, uint16_t flags,
                   srpy_kill_result_t **results, uint32_t *result_count);
void srpy_free_kill_results(srpy_kill_result_t *results, uint32_t count);
#define KILL_JOB_BATCH ...
#define KILL_ARRAY_TASK ...
#define KILL_STEPS_ONLY ...
#define KILL_FED_REQUEUE ...
#define KILL_HURRY ...
#define KILL_OOM ...
#define KILL_NO_SIBS ...
#define KILL_JOB_RESV ...
#define KILL_NO_CRON ...
#define KILL_JOBS_VERBOSE ...
#define KILL_CRON ...
#define WARN_SENT ...
