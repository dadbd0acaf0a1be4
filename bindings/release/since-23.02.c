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
