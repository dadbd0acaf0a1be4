/* Slurm 22.05 (libslurm.so.38): the layer under the decl/ files. */
#include <stdbool.h>

typedef int64_t bitstr_t;

/* A reservation's TRES per node and a node's BLOCKED state came after 22.05: 0, never reported. */
#define RESERVE_TRES_PER_NODE 0
#define NODE_STATE_BLOCKED 0

/* v0.0.45's partition flags, preempt modes and select_type bits 22.05 does not have: 0, never reported;
 * its CPU binding masks, as later releases name them (same bits). */
#define PART_FLAG_PDOI 0
#define PART_FLAG_PDOI_CLR 0
#define PART_FLAG_EXCLUSIVE_TOPO 0
#define PART_FLAG_EXC_TOPO_CLR 0
#define PART_FLAG_SCHED_FAILED 0
#define PART_FLAG_SCHED_CLEARED 0
#define PREEMPT_MODE_PRIORITY 0
#define SELECT_LL_SHARED_GRES 0
#define SELECT_MULTIPLE_SHARING_GRES_PJ 0
#define SELECT_ENFORCE_BINDING_GRES 0
#define SELECT_ONE_TASK_PER_SHARING_GRES 0
#define SELECT_NO_DIST_TOPO_BLOCK 0
#define CPU_BIND_T_TO_MASK 0x001e
#define CPU_BIND_T_MASK 0x0fe0
#define CPU_BIND_T_TASK_PARAMS_MASK (SLURMD_OFF_SPEC | CPU_BIND_OFF)
/* mem_bind_type's masks (slurm.h from 23.02; the same bits) */
#define MEM_BIND_TYPE_MASK 0x3e
#define MEM_BIND_TYPE_FLAGS_MASK 0xc0
/* ids 22.05 has no "invalid" errors for: its "missing" ones */
#define ESLURM_USER_ID_INVALID ESLURM_USER_ID_MISSING
#define ESLURM_GROUP_ID_INVALID ESLURM_GROUP_ID_MISSING

/* Flags later releases added: 0, never reported. */
#define CR_LINEAR 0
#define RESERVE_FLAG_USER_DEL 0
#define RESERVE_FLAG_NO_USER_DEL 0
#define QOS_FLAG_RELATIVE 0
#define STEPMGR_ENABLED 0
#define GRES_ONE_TASK_PER_SHARING 0
#define GRES_MULT_TASKS_PER_SHARING 0
#define GRES_ALLOW_TASK_SHARING 0
/* JOB_SHARED_TOPO came in 24.05: a value shared never holds here */
#define JOB_SHARED_TOPO 0xfffd
/* Account flags 22.05 does not have (its account_cond has with_* fields): 0, never reported. */
#define SLURMDB_ACCT_FLAG_WASSOC 0
#define SLURMDB_ACCT_FLAG_WCOORD 0
#define SLURMDB_ACCT_FLAG_USER_COORD_NO 0
#define SLURMDB_ACCT_FLAG_USER_COORD 0
#define ASSOC_FLAG_NO_UPDATE 0
#define ASSOC_FLAG_EXACT 0
#define ASSOC_FLAG_USER_COORD_NO 0
#define ASSOC_FLAG_USER_COORD 0

/* src/common/job_resources.h of 22.05 (private: libslurm exports no accessor for the cores). */
struct job_resources {
    bitstr_t *core_bitmap;
    bitstr_t *core_bitmap_used;
    uint32_t cpu_array_cnt;
    uint16_t *cpu_array_value;
    uint32_t *cpu_array_reps;
    uint16_t *cpus;
    uint16_t *cpus_used;
    uint16_t *cores_per_socket;
    uint16_t cr_type;
    uint64_t *memory_allocated;
    uint64_t *memory_used;
    uint32_t nhosts;
    bitstr_t *node_bitmap;
    uint32_t node_req;
    char *nodes;
    uint32_t ncpus;
    uint32_t *sock_core_rep_count;
    uint16_t *sockets_per_node;
    uint16_t *tasks_per_node;
    uint16_t threads_per_core;
    uint8_t whole_node;
};
/* The layout of slurm-22-05-8-1's header on LP64 (x86_64, aarch64): a field moved by an edit here
 * fails the build instead of reading the wrong memory. */
_Static_assert(sizeof(void *) == 8, "struct job_resources offsets are known for LP64 only");
_Static_assert(offsetof(struct job_resources, cpus) == 40, "job_resources.cpus");
_Static_assert(offsetof(struct job_resources, cores_per_socket) == 56, "job_resources.cores_per_socket");
_Static_assert(offsetof(struct job_resources, memory_allocated) == 72, "job_resources.memory_allocated");
_Static_assert(offsetof(struct job_resources, nhosts) == 88, "job_resources.nhosts");
_Static_assert(offsetof(struct job_resources, nodes) == 112, "job_resources.nodes");
_Static_assert(offsetof(struct job_resources, ncpus) == 120, "job_resources.ncpus");
_Static_assert(offsetof(struct job_resources, sock_core_rep_count) == 128, "job_resources.sock_core_rep_count");
_Static_assert(offsetof(struct job_resources, sockets_per_node) == 136, "job_resources.sockets_per_node");
_Static_assert(sizeof(struct job_resources) == 160, "sizeof(struct job_resources)");

/* A node's allocation: select_nodeinfo (removed in 25.05). *tres is xmalloc()ed: slurm_xfree() it. */
static int srpy_node_alloc(node_info_t *n, uint16_t *cpus, uint64_t *mem, char **tres, double *weighted)
{
    dynamic_plugin_data_t *info = n->select_nodeinfo;
    *tres = NULL;
    if (slurm_get_select_nodeinfo(info, SELECT_NODEDATA_SUBCNT, NODE_STATE_ALLOCATED, cpus) ||
        slurm_get_select_nodeinfo(info, SELECT_NODEDATA_MEM_ALLOC, NODE_STATE_ALLOCATED, mem) ||
        slurm_get_select_nodeinfo(info, SELECT_NODEDATA_TRES_ALLOC_FMT_STR, NODE_STATE_ALLOCATED, tres) ||
        slurm_get_select_nodeinfo(info, SELECT_NODEDATA_TRES_ALLOC_WEIGHTED, NODE_STATE_ALLOCATED, weighted))
        return SLURM_ERROR;
    return SLURM_SUCCESS;
}

static uint32_t srpy_xlate_job_id(const char *job_id_str)
{
    return slurm_xlate_job_id((char *) job_id_str);
}

static uint16_t srpy_job_show_flags(const slurm_job_info_t *job, uint16_t loaded_with)
{
    return job->show_flags;
}

static uint32_t srpy_resv_watts(const reserve_info_t *resv)
{
    return resv->resv_watts;
}

static uint32_t srpy_cluster_select_plugin(const slurmdb_cluster_rec_t *cluster)
{
    return cluster->plugin_id_select;
}

/* slurmdb query options: uint16_t fields. */
static void srpy_assoc_cond_with(slurmdb_assoc_cond_t *cond, int deleted, int usage,
                                 int without_parent_info, int without_parent_limits)
{
    cond->with_deleted = deleted;
    cond->with_usage = usage;
    cond->without_parent_info = without_parent_info;
    cond->without_parent_limits = without_parent_limits;
}

static void srpy_assoc_cond_more(slurmdb_assoc_cond_t *cond, int only_defs, int raw_qos, int sub_accts)
{
    cond->only_defs = only_defs;
    cond->with_raw_qos = raw_qos;
    cond->with_sub_accts = sub_accts;
}

static void srpy_account_cond_with(slurmdb_account_cond_t *cond, int assocs, int coords, int deleted)
{
    cond->with_assocs = assocs;
    cond->with_coords = coords;
    cond->with_deleted = deleted;
}

static void srpy_qos_cond_with(slurmdb_qos_cond_t *cond, int deleted)
{
    cond->with_deleted = deleted;
}

static uint32_t srpy_submit_job_id(const submit_response_msg_t *resp)
{
    return resp->job_id;
}

static uint32_t srpy_submit_step_id(const submit_response_msg_t *resp)
{
    return resp->step_id;
}

static uint32_t srpy_stats_parts_packed(const stats_info_response_msg_t *stats)
{
    return stats->parts_packed;
}

static int srpy_load_job(job_info_msg_t **resp, uint32_t job_id, uint16_t show_flags)
{
    return slurm_load_job(resp, job_id, show_flags);
}

/* slurm_associations_get_shares() is not exported by 22.05's libslurm: shares cannot be had. */
static int srpy_get_shares(void *req, void **resp)
{
    *resp = NULL;
    errno = ESLURM_NOT_SUPPORTED;
    return SLURM_ERROR;
}

/* 22.05 has no licenses-unavailable error: never reported (job_writes' nonfatal list). */
#define ESLURM_LICENSES_UNAVAILABLE -1

/* slurm_kill_jobs() and its kill_jobs_msg_t came in 23.11: the same struct (decl/jobs.h's fields), and
 * here one slurm_kill_job2() per job. With filters, the jobs slurm_load_jobs() lists are filtered as
 * 23.11's slurmctld does (job_mgr.c _signal_job_matches_filter(), read for its facts): answers for
 * failures only (every job with KILL_JOBS_VERBOSE), and for named jobs that do not match; a named
 * job is looked up by its leading number alone. Without filters every named job is signalled and
 * answered, as before (real_job_id NO_VAL: 22.05 does not say which job it found). */
typedef struct {
    char *account;
    uint16_t flags;
    char *job_name;
    char **jobs_array;
    uint32_t jobs_cnt;
    char *partition;
    char *qos;
    char *reservation;
    uint16_t signal;
    uint32_t state;
    uint32_t user_id;
    char *user_name;
    char *wckey;
    char *nodelist;
} kill_jobs_msg_t;

typedef struct {
    uint32_t error_code;
    char *error_msg;
    char *id;
    uint32_t real_job_id;
    char *sibling;
} srpy_kill_result_t;

#define SRPY_AUTH_NOBODY 99
/* 23.11's errors for these (22.05's slurm_strerror() does not know them: "Unknown error") */
#define SRPY_ESLURM_JOB_SIGNAL_FAILED 2172
#define SRPY_ESLURM_SIGNAL_JOBS_INVALID 2173
#define SRPY_KILL_JOBS_VERBOSE SLURM_BIT(11)
extern char *slurm_job_state_string(uint32_t inx);  /* (declared in decl/jobs.h, after this layer) */

static bool srpy_kill_filtered(const kill_jobs_msg_t *req)
{
    return req->account || req->job_name || req->partition || req->qos || req->reservation ||
           ((req->state & JOB_STATE_BASE) != JOB_END) || req->user_name || req->wckey || req->nodelist;
}

static bool srpy_same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* `item` one of the comma separated names of `list` */
static bool srpy_in_csv(const char *list, const char *item)
{
    size_t n = strlen(item);

    for (const char *p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
        if (!strncmp(p, item, n) && (p[n] == ',' || !p[n]))
            return true;
    return false;
}

static bool srpy_hosts_meet(const char *nodes, const char *filter)
{
    hostlist_t mine = slurm_hostlist_create(nodes), theirs = slurm_hostlist_create(filter);
    bool found = false;
    char *host;

    while (!found && mine && theirs && (host = slurm_hostlist_shift(mine))) {
        found = slurm_hostlist_find(theirs, host) >= 0;
        free(host);
    }
    slurm_hostlist_destroy(mine);
    slurm_hostlist_destroy(theirs);
    return found;
}

/* 0: the job matches; -1: not, nothing to answer; else the error to answer (`why` its reason) */
static int srpy_kill_match(const kill_jobs_msg_t *req, const slurm_job_info_t *j, uint32_t *leader,
                           char *why, size_t n)
{
    uint32_t base = j->job_state & JOB_STATE_BASE;
    bool het_part = (j->het_job_offset != NO_VAL) && j->het_job_offset;
    const char *wckey = j->wckey;

    why[0] = '\0';
    if (base > JOB_SUSPENDED)
        return ESLURM_ALREADY_DONE;
    if (req->account && !srpy_same(j->account, req->account))
        snprintf(why, n, "Job account %s != filter account %s", j->account, req->account);
    else if (req->job_name && !srpy_same(j->name, req->job_name))
        snprintf(why, n, "Job name %s != filter name %s", j->name, req->job_name);
    else if (req->partition && !(base == JOB_PENDING ? srpy_in_csv(j->partition, req->partition)
                                                      : srpy_same(j->partition, req->partition)))
        snprintf(why, n, "Job partition %s does not include filter partition %s", j->partition,
                 req->partition);
    else if (req->qos && !srpy_same(j->qos, req->qos))
        snprintf(why, n, "Job qos %s != filter qos %s", j->qos ? j->qos : "NULL", req->qos);
    else if (req->reservation && !srpy_in_csv(j->resv_name, req->reservation))
        snprintf(why, n, "Job reservation %s does not include filter reservation %s", j->resv_name,
                 req->reservation);
    else if (req->state != JOB_END && base != req->state)
        snprintf(why, n, "Job state %s != filter state %s", slurm_job_state_string(base),
                 slurm_job_state_string(req->state));
    else if (req->user_name && j->user_id != req->user_id)
        snprintf(why, n, "Job user id %u != filter user id %u", j->user_id, req->user_id);
    else if (req->nodelist && !(j->nodes && j->nodes[0]))
        snprintf(why, n, "Job does not have nodes but filter has nodes %s", req->nodelist);
    else if (req->nodelist && !srpy_hosts_meet(j->nodes, req->nodelist))
        snprintf(why, n, "Job nodes %s does not intersect with filter nodes %s", j->nodes, req->nodelist);
    else if (req->wckey) {
        if (req->wckey[0] != '*' && wckey && wckey[0] == '*')
            wckey++;
        if (!srpy_same(wckey, req->wckey))
            snprintf(why, n, "Job wckey %s != filter wckey %s", j->wckey, req->wckey);
    }
    if (why[0])
        return SRPY_ESLURM_JOB_SIGNAL_FAILED;
    if (het_part) {
        if (*leader && *leader == j->het_job_id)
            return -1;  /* its leader signals the whole job */
        if (base == JOB_PENDING) {
            snprintf(why, n, "Het job component cannot be signalled while pending");
            return ESLURM_NOT_WHOLE_HET_JOB;
        }
    } else if (j->het_job_id && j->het_job_id != NO_VAL) {
        *leader = j->het_job_id;
    }
    return 0;
}

static void srpy_kill_answer(srpy_kill_result_t *out, const slurm_job_info_t *j, const char *given, int rc,
                             const char *why)
{
    char id[64], msg[512];

    if (given)
        snprintf(id, sizeof(id), "%s", given);
    else if (j->array_task_id != NO_VAL)
        snprintf(id, sizeof(id), "%u_%u", j->array_job_id, j->array_task_id);
    else if (j->het_job_offset != NO_VAL && j->het_job_offset)
        snprintf(id, sizeof(id), "%u+%u", j->het_job_id, j->het_job_offset);
    else
        snprintf(id, sizeof(id), "%u", j ? j->job_id : 0);
    if (why && why[0])  /* (23.11's text of its error: 22.05's libslurm has none) */
        snprintf(msg, sizeof(msg), "%s: %s", why,
                 rc == SRPY_ESLURM_JOB_SIGNAL_FAILED ? "Cannot signal job" : slurm_strerror(rc));
    else
        snprintf(msg, sizeof(msg), "%s", slurm_strerror(rc));
    out->error_code = rc;
    out->error_msg = strdup(msg);
    out->id = strdup(id);
    out->real_job_id = j ? j->job_id : NO_VAL;
}

/* the job's own id as slurm_kill_job2() takes it: a pending array's tasks by their expression */
static void srpy_kill_id(const slurm_job_info_t *j, char *id, size_t n)
{
    if (j->array_task_id != NO_VAL)
        snprintf(id, n, "%u_%u", j->array_job_id, j->array_task_id);
    else if (j->array_task_str && j->array_task_str[0])
        snprintf(id, n, "%u_[%.*s]", j->array_job_id, (int) strcspn(j->array_task_str, "%"),
                 j->array_task_str);
    else
        snprintf(id, n, "%u", j->job_id);
}

static int srpy_kill_jobs(const kill_jobs_msg_t *req, srpy_kill_result_t **results, uint32_t *result_count)
{
    job_info_msg_t *msg = NULL;
    uint32_t count = req->jobs_cnt, leader = 0;

    *results = NULL;
    *result_count = 0;
    if (!srpy_kill_filtered(req)) {
        if (!count)
            return SRPY_ESLURM_SIGNAL_JOBS_INVALID;
        *results = calloc(count, sizeof(**results));
        *result_count = count;
        for (uint32_t i = 0; i < count; i++) {
            int rc = slurm_kill_job2(req->jobs_array[i], req->signal, req->flags, NULL) ? slurm_get_errno() : 0;

            (*results)[i].error_code = rc;
            (*results)[i].error_msg = strdup(slurm_strerror(rc));
            (*results)[i].id = strdup(req->jobs_array[i]);
            (*results)[i].real_job_id = NO_VAL;
        }
        return SLURM_SUCCESS;
    }
    if (slurm_load_jobs(0, &msg, SHOW_ALL))
        return slurm_get_errno();
    /* at most one answer per named job, or per job listed */
    *results = calloc((count ? count : msg->record_count) + 1, sizeof(**results));
    for (uint32_t i = 0; i < (count ? count : msg->record_count); i++) {
        const char *given = count ? req->jobs_array[i] : NULL;
        slurm_job_info_t *j = count ? NULL : &msg->job_array[i];
        char why[400], id[64];
        int rc;

        if (given) {
            uint32_t number = strtoul(given, NULL, 10);

            for (uint32_t k = 0; k < msg->record_count && !j; k++)
                if (msg->job_array[k].job_id == number)
                    j = &msg->job_array[k];
            if (!j) {
                srpy_kill_answer(&(*results)[(*result_count)++], NULL, given, ESLURM_INVALID_JOB_ID, NULL);
                (*results)[*result_count - 1].real_job_id = NO_VAL;
                continue;
            }
        }
        rc = srpy_kill_match(req, j, &leader, why, sizeof(why));
        if (rc < 0 || (rc && !given))
            continue;  /* not matching, unnamed: not answered */
        if (!rc) {
            if (given)
                snprintf(id, sizeof(id), "%s", given);
            else
                srpy_kill_id(j, id, sizeof(id));
            rc = slurm_kill_job2(id, req->signal, req->flags, NULL) ? slurm_get_errno() : 0;
            why[0] = '\0';
            if (!rc && !(req->flags & SRPY_KILL_JOBS_VERBOSE))
                continue;
        }
        srpy_kill_answer(&(*results)[(*result_count)++], j, given, rc, given ? why : NULL);
    }
    slurm_free_job_info_msg(msg);
    return SLURM_SUCCESS;
}

/* Kill flags later releases added or renamed (v0.0.4x DELETE job's flags): their bits, which
 * 22.05's slurmctld ignores, as they are. */
#define KILL_ARRAY_TASK KILL_JOB_ARRAY
#define KILL_NO_CRON SLURM_BIT(9)
#define KILL_JOBS_VERBOSE SLURM_BIT(11)
#define KILL_CRON SLURM_BIT(12)

/* Cloud instances and slurmdb_ping_all() came with 23.02: 22.05's slurmdbd records no instances
 * (an empty list: "found nothing"), and its libslurm cannot ping every slurmdbd (NULL: the
 * reference's "ping query failed"). */
typedef struct {
    List cluster_list;
    List extra_list;
    List format_list;
    List instance_id_list;
    List instance_type_list;
    char *node_list;
    time_t time_end;
    time_t time_start;
} slurmdb_instance_cond_t;
typedef struct {
    char *cluster;
    char *extra;
    char *instance_id;
    char *instance_type;
    char *node_name;
    time_t time_end;
    time_t time_start;
} slurmdb_instance_rec_t;
static List slurmdb_instances_get(void *db_conn, slurmdb_instance_cond_t *instance_cond)
{
    (void) db_conn;
    (void) instance_cond;
    return slurm_list_create(NULL);
}
typedef struct {
    char *hostname;
    bool pinged;
    long latency;
    int offset;
} slurmdbd_ping_t;
static slurmdbd_ping_t *slurmdb_ping_all(void)
{
    return NULL;
}

#ifndef SRPY_JOB_STATE_T
#define SRPY_JOB_STATE_T
/* One job (or array task) of GET jobs/state (decl/jobs.h). */
typedef struct {
    uint32_t job_id; uint32_t array_job_id; uint32_t array_task_id; uint32_t het_job_id; uint32_t state;
} srpy_job_state_t;
#endif

/* slurm_load_job_state() came in 23.11: none here (GET jobs/state answers as slurmctld refusing). */
static int srpy_load_job_state(int n, const uint32_t *ids, const uint32_t *tasks, const uint32_t *het,
                               srpy_job_state_t **out, int *count)
{
    *out = NULL;
    *count = 0;
    slurm_seterrno(ESLURM_NOT_SUPPORTED);
    return SLURM_ERROR;
}
/* 22.05 has no "unknown user/group" errors (slurmdb jobs' users= and groups= of the parser versions, which
 * no 22.05 reference serves): the nearest it has */
#define ESLURM_USER_ID_UNKNOWN ESLURM_USER_ID_MISSING
#define ESLURM_GROUP_ID_UNKNOWN ESLURM_GROUP_ID_MISSING

/* slurmdb_add_assoc_cond_t and the *_add_cond() calls came with 23.02: refused here (ENOSYS). */
#include <errno.h>
typedef struct {
    List acct_list;
    slurmdb_assoc_rec_t assoc;
    List cluster_list;
    char *default_acct;
    List partition_list;
    List user_list;
    List wckey_list;
} slurmdb_add_assoc_cond_t;
static char *slurmdb_accounts_add_cond(void *db_conn, slurmdb_add_assoc_cond_t *add_assoc,
                                       slurmdb_account_rec_t *acct)
{
    (void) db_conn; (void) add_assoc; (void) acct;
    errno = ENOSYS;
    return NULL;
}
static char *slurmdb_users_add_cond(void *db_conn, slurmdb_add_assoc_cond_t *add_assoc, slurmdb_user_rec_t *user)
{
    (void) db_conn; (void) add_assoc; (void) user;
    errno = ENOSYS;
    return NULL;
}
static void slurmdb_init_add_assoc_cond(slurmdb_add_assoc_cond_t *add_assoc, bool free_it)
{
    (void) free_it;
    memset(add_assoc, 0, sizeof(*add_assoc));
    slurmdb_init_assoc_rec(&add_assoc->assoc, false);
}

/* reservation flags 22.05 does not have (v0.0.44 on name them): never set here */
#define RESERVE_FLAG_FORCE_START 0
#define RESERVE_TRES_PER_NODE 0

/* slurm_create_reservation()'s name: strdup()ed until 25.x (xstrdup()ed in 26.05) */
static void srpy_free_resv_name(char *name)
{
    free(name);
}

/* 26.05's (never reported here), named by the v0.0.43-45 parsers */
#define SLURMDB_JOB_FLAG_ALTERED 0
#define JOB_EXPEDITING 0
#define CLUSTER_FLAG_DELETED 0
#define QOS_FLAG_PART_QOS 0
#define QOS_FLAG_DELETED 0
