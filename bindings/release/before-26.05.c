/* Shared by the releases before 26.05 (22.05, 24.11): what 26.05's layer does with calls and
 * fields those releases lack. */

/* Flags that came in 25.05 (node_state's EXTERNAL, cert_flags' TOKEN_SET, job and reservation
 * flags): 0, never reported. */
#define NODE_STATE_EXTERNAL 0
#define NODE_CERT_TOKEN_SET 0
#define JOB_EXPEDITING 0
#define EXTERNAL_JOB 0
#define SPREAD_SEGMENTS 0
#define CONSOLIDATE_SEGMENTS 0
#define EXPEDITED_REQUEUE 0
#define JOB_IMPLICIT_MAX_NODES 0
#define RESERVE_FLAG_FORCE_START 0

/* GET resources/{job_id}: slurm_get_resource_layout() came in 26.05; this release has none. */
static int srpy_resource_layout(uint32_t job_id, uint32_t step_id, void **layout)
{
    *layout = NULL;
    return ESLURM_NOT_SUPPORTED;
}

static int srpy_layout_node(void *layout, int i, char **node, uint64_t *mem_alloc, uint16_t *sockets_per_node,
                            uint16_t *cores_per_socket, char **core_bitmap, uint32_t *channel)
{
    return -1;
}

static int srpy_layout_gres(void *layout, int i, int j, char **name, char **type, uint64_t *count, char **index)
{
    return -1;
}

static void srpy_layout_free(void *layout)
{
}

/* 26.05's "Query requirements not met" (requeue's SpecialExit without Hold), which our v0.0.45
 * answers on every release: 26.05's number (this libslurm has no text for it). */
#define ESLURM_REST_BAD_REQUEST 9009
#define ESLURM_INVALID_SLUID 2185  /* (26.05's: a step_id is refused before it is read there) */

/* resource_allocation_response_msg_t's job id (decl/jobs.h) */
static uint32_t srpy_alloc_job_id(const resource_allocation_response_msg_t *resp)
{
    return resp->job_id;
}

/* slurm_allocate_resources_blocking() without timeout or callback (decl/jobs.h) */
static resource_allocation_response_msg_t *srpy_allocate(const job_desc_msg_t *req)
{
    return slurm_allocate_resources_blocking(req, 0, NULL);
}

/* A job's slurm_step_id_t: only its job id before 26.05. */
static void srpy_job_step_id(const slurm_job_info_t *job, uint64_t *sluid, uint32_t *ids)
{
    *sluid = 0;
    ids[0] = job->job_id;
    ids[1] = NO_VAL;
    ids[2] = NO_VAL;
}

/* job_desc_msg_t's job id (a slurm_step_id_t's since 26.05) */
static void srpy_job_desc_set_job_id(job_desc_msg_t *desc, uint32_t job_id)
{
    desc->job_id = job_id;
}

/* job_desc_msg_t has no step_id before 26.05 */
static int srpy_job_desc_set_step_id(job_desc_msg_t *desc, uint64_t sluid, uint32_t job_id, uint32_t het_comp,
                                     uint32_t step_id)
{
    return -1;
}

/* slurm_allocate_het_job_blocking() over an array, no timeout and no callback (decl/jobs.h) */
static int srpy_allocate_het(job_desc_msg_t **descs, int count, uint32_t *job_ids, uint32_t *error_codes,
                             char **user_msg)
{
    struct xlist *req = slurm_list_create(NULL), *resp;
    resource_allocation_response_msg_t *r;
    void *it;
    int n = 0;

    for (int i = 0; i < count; i++)
        slurm_list_append(req, descs[i]);
    resp = slurm_allocate_het_job_blocking(req, 0, NULL);
    slurm_list_destroy(req);
    *user_msg = NULL;
    if (!resp)
        return -1;
    it = slurm_list_iterator_create(resp);
    while ((r = slurm_list_next(it)) && (n < count)) {
        job_ids[n] = r->job_id;
        error_codes[n] = r->error_code;
        if (!*user_msg && r->job_submit_user_msg)
            *user_msg = strdup(r->job_submit_user_msg);
        n++;
    }
    slurm_list_iterator_destroy(it);
    slurm_list_destroy(resp);
    return n;
}
