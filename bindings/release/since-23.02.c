/* Shared by the releases since 23.02 (after their own layer, release/<R>.c, which defines
 * srpy_load_job): shims for what left libslurm in 23.02 and 23.11. */

/* slurm_xlate_job_id() left libslurm in 23.11: "<id>", "<array id>_<task>" (the job id of that
 * task, from slurmctld) or "<het id>+<offset>"; 0 when the text is none of these. */
static uint32_t srpy_xlate_job_id(const char *job_id_str)
{
    char *end;
    unsigned long id = strtoul(job_id_str, &end, 10), sub;
    job_info_msg_t *msg = NULL;
    uint32_t found = 0;

    if (end == job_id_str)
        return 0;
    if (*end == '\0')
        return id;
    if (*end != '_' && *end != '+')
        return 0;
    char kind = *end;
    const char *rest = end + 1;
    sub = strtoul(rest, &end, 10);
    if (end == rest || *end != '\0')
        return 0;
    if (kind == '+')
        return id + sub;
    if (srpy_load_job(&msg, id, SHOW_ALL) != SLURM_SUCCESS || !msg)
        return 0;
    for (uint32_t i = 0; i < msg->record_count; i++)
        if (msg->job_array[i].array_task_id == sub) {
            found = msg->job_array[i].job_id;
            break;
        }
    slurm_free_job_info_msg(msg);
    return found;
}

/* job_info_t.show_flags left in 23.02: the flags the job was loaded with. */
static uint16_t srpy_job_show_flags(const slurm_job_info_t *job, uint16_t loaded_with)
{
    return loaded_with;
}

/* Power management (resv_watts) left in 23.02. */
static uint32_t srpy_resv_watts(const reserve_info_t *resv)
{
    return NO_VAL;
}

/* plugin_id_select left in 23.02. */
static uint32_t srpy_cluster_select_plugin(const slurmdb_cluster_rec_t *cluster)
{
    return NO_VAL;
}

/* slurmdb query options: flag bits since 23.02. */
static void srpy_assoc_cond_with(slurmdb_assoc_cond_t *cond, int deleted, int usage,
                                 int without_parent_info, int without_parent_limits)
{
    cond->flags = (deleted ? ASSOC_COND_FLAG_WITH_DELETED : 0) |
                  (usage ? ASSOC_COND_FLAG_WITH_USAGE : 0) |
                  (without_parent_info ? ASSOC_COND_FLAG_WOPI : 0) |
                  (without_parent_limits ? ASSOC_COND_FLAG_WOPL : 0);
}

static void srpy_assoc_cond_more(slurmdb_assoc_cond_t *cond, int only_defs, int raw_qos, int sub_accts)
{
    cond->flags |= (only_defs ? ASSOC_COND_FLAG_ONLY_DEFS : 0) |
                   (raw_qos ? ASSOC_COND_FLAG_RAW_QOS : 0) |
                   (sub_accts ? ASSOC_COND_FLAG_SUB_ACCTS : 0);
}

static void srpy_account_cond_with(slurmdb_account_cond_t *cond, int assocs, int coords, int deleted)
{
    cond->flags = (assocs ? SLURMDB_ACCT_FLAG_WASSOC : 0) |
                  (coords ? SLURMDB_ACCT_FLAG_WCOORD : 0) |
                  (deleted ? SLURMDB_ACCT_FLAG_DELETED : 0);
}

static void srpy_qos_cond_with(slurmdb_qos_cond_t *cond, int deleted)
{
    cond->flags = deleted ? QOS_COND_FLAG_WITH_DELETED : 0;
}

/* Flags these releases no longer have: 0, never reported. */
#define CLUSTER_FLAG_CRAY 0
#define RESERVE_FLAG_FIRST_CORES 0
/* sshare's call, exported since 23.02 but declared in no installed header (its messages: decl/shares.c). */
extern int slurm_associations_get_shares(void *req, void **resp);
static int srpy_get_shares(void *req, void **resp)
{
    return slurm_associations_get_shares(req, resp);
}

/* slurm_kill_jobs() (23.11 on) of a request filled by slurm/jobs.py, its answers flattened into malloc()ed
 * srpy_kill_result_t (srpy_free_kill_results()); -> its return code. */
typedef struct {
    uint32_t error_code;
    char *error_msg;
    char *id;            /* the job as the answer names it: <id>[_<task>][+<offset>] */
    uint32_t real_job_id;
    char *sibling;
} srpy_kill_result_t;

extern void slurm_free_kill_jobs_response_msg(kill_jobs_resp_msg_t *msg);
/* src/interfaces/auth.h (private): "the authenticated user", as KILL_JOB_MSG_INITIALIZER sets it */
#define SRPY_AUTH_NOBODY 99

static char *srpy_strdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int srpy_kill_jobs(const kill_jobs_msg_t *req, srpy_kill_result_t **results,
                          uint32_t *result_count)
{
    kill_jobs_resp_msg_t *resp = NULL;
    int rc = slurm_kill_jobs((kill_jobs_msg_t *) req, &resp);

    *results = NULL;
    *result_count = 0;
    if (resp && resp->jobs_cnt) {
        *results = calloc(resp->jobs_cnt, sizeof(**results));
        for (uint32_t i = 0; i < resp->jobs_cnt; i++) {
            kill_jobs_resp_job_t *r = &resp->job_responses[i];
            srpy_kill_result_t *out = &(*results)[i];
            char id[64] = "";

            if (r->id) {
                int n = snprintf(id, sizeof(id), "%u", r->id->step_id.job_id);
                if (r->id->array_task_id != NO_VAL)
                    n += snprintf(id + n, sizeof(id) - n, "_%u", r->id->array_task_id);
                if (r->id->het_job_offset != NO_VAL)
                    snprintf(id + n, sizeof(id) - n, "+%u", r->id->het_job_offset);
            }
            out->error_code = r->error_code;
            out->error_msg = srpy_strdup(r->error_msg);
            out->id = strdup(id);
            out->real_job_id = r->real_job_id;
            out->sibling = srpy_strdup(r->sibling_name);
        }
        *result_count = resp->jobs_cnt;
    }
    slurm_free_kill_jobs_response_msg(resp);
    return rc;
}

#ifndef SRPY_JOB_STATE_T
#define SRPY_JOB_STATE_T
/* One job (or array task) of GET jobs/state (decl/jobs.h). */
typedef struct {
    uint32_t job_id; uint32_t array_job_id; uint32_t array_task_id; uint32_t het_job_id; uint32_t state;
} srpy_job_state_t;
#endif

extern int64_t slurm_bit_size(bitstr_t *b);
extern bool slurm_bit_test(bitstr_t *b, int64_t bit);

/* slurm_load_job_state() (23.11 on) over plain arrays, each array's task bitmap expanded into one
 * entry per task as the reference's dumper does: ids[i] with tasks[i] (NO_VAL: none) and
 * het[i] (NO_VAL: none); *out is malloc()ed (free() it), *count its entries. */
static int srpy_load_job_state(int n, const uint32_t *ids, const uint32_t *tasks, const uint32_t *het,
                               srpy_job_state_t **out, int *count)
{
    slurm_selected_step_t *sel = n ? calloc(n, sizeof(*sel)) : NULL;
    job_state_response_msg_t *msg = NULL;
    int rc, total = 0, k = 0;

    for (int i = 0; i < n; i++) {
        sel[i].array_task_id = tasks[i];
        sel[i].het_job_offset = het[i];
        sel[i].step_id.job_id = ids[i];
        sel[i].step_id.step_id = NO_VAL;
        sel[i].step_id.step_het_comp = NO_VAL;
    }
    *out = NULL;
    *count = 0;
    rc = slurm_load_job_state(n, sel, &msg);
    free(sel);
    if (rc || !msg)
        return rc;
    for (uint32_t i = 0; i < msg->jobs_count; i++) {
        bitstr_t *b = msg->jobs[i].array_task_id_bitmap;
        if (!b) {
            total++;
            continue;
        }
        for (int64_t bit = 0; bit < slurm_bit_size(b); bit++)
            total += slurm_bit_test(b, bit);
    }
    *out = calloc(total ? total : 1, sizeof(**out));
    for (uint32_t i = 0; i < msg->jobs_count; i++) {
        job_state_response_job_t *j = &msg->jobs[i];
        bitstr_t *b = j->array_task_id_bitmap;
        if (!b) {
            (*out)[k++] = (srpy_job_state_t) {j->job_id, j->array_job_id, j->array_task_id, j->het_job_id, j->state};
            continue;
        }
        for (int64_t bit = 0; bit < slurm_bit_size(b); bit++)
            if (slurm_bit_test(b, bit))
                (*out)[k++] = (srpy_job_state_t) {j->job_id, j->array_job_id, (uint32_t) bit, 0, j->state};
    }
    *count = k;
    slurm_free_job_state_response_msg(msg);
    return SLURM_SUCCESS;
}
