/* Slurm 26.05 (libslurm.so.45): the layer under the decl/ files. */
#include <stdlib.h>

/* src/common/xstring.h: exported by libslurm, not declared by its headers. */
extern char *slurm_xstrdup(const char *str);
#include <stdbool.h>

typedef int64_t bitstr_t;

/* src/common/job_resources.h of 26.05 (next_step_node_inx since 24.11, node_ranks new) (private: libslurm exports no accessor for the cores). */
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
    uint32_t next_step_node_inx;
    uint32_t nhosts;
    bitstr_t *node_bitmap;
    uint32_t *node_ranks;
    uint32_t node_req;
    char *nodes;
    uint32_t ncpus;
    uint32_t *sock_core_rep_count;
    uint16_t *sockets_per_node;
    uint16_t *tasks_per_node;
    uint16_t threads_per_core;
    uint8_t whole_node;
};
/* The layout of slurm-26-05-0-1's header on LP64 (x86_64, aarch64): a field moved by an edit here
 * fails the build instead of reading the wrong memory. */
_Static_assert(sizeof(void *) == 8, "struct job_resources offsets are known for LP64 only");
_Static_assert(offsetof(struct job_resources, cpus) == 40, "job_resources.cpus");
_Static_assert(offsetof(struct job_resources, cores_per_socket) == 56, "job_resources.cores_per_socket");
_Static_assert(offsetof(struct job_resources, memory_allocated) == 72, "job_resources.memory_allocated");
_Static_assert(offsetof(struct job_resources, nhosts) == 92, "job_resources.nhosts");
_Static_assert(offsetof(struct job_resources, nodes) == 120, "job_resources.nodes");
_Static_assert(offsetof(struct job_resources, ncpus) == 128, "job_resources.ncpus");
_Static_assert(offsetof(struct job_resources, sock_core_rep_count) == 136, "job_resources.sock_core_rep_count");
_Static_assert(offsetof(struct job_resources, sockets_per_node) == 144, "job_resources.sockets_per_node");
_Static_assert(sizeof(struct job_resources) == 168, "sizeof(struct job_resources)");

/* A node's allocation: node_info_t's own fields since 25.05 (no weighted TRES any more: 0). */
static int srpy_node_alloc(node_info_t *n, uint16_t *cpus, uint64_t *mem, char **tres, double *weighted)
{
    *cpus = n->alloc_cpus;
    *mem = n->alloc_memory;
    *tres = n->alloc_tres_fmt_str ? slurm_xstrdup(n->alloc_tres_fmt_str) : NULL;
    *weighted = 0.0;
    return SLURM_SUCCESS;
}

/* slurm_load_job() takes a slurm_step_id_t since 26.05. */
static int srpy_load_job(job_info_msg_t **resp, uint32_t job_id, uint16_t show_flags)
{
    slurm_step_id_t id = SLURM_STEP_ID_INITIALIZER;

    id.job_id = job_id;
    return slurm_load_job(resp, id, show_flags);
}

/* Flags this release no longer has besides those of release/since-23.02.c: 0, never reported. */
#define CLUSTER_FLAG_FE 0

/* Renamed since 22.05: the layer keeps the names decl/ uses. */
#define slurm_job_reason_string slurm_job_state_reason_string
#define slurm_free_ctl_conf slurm_free_conf
#define CR_CPU SELECT_CPU
#define CR_SOCKET SELECT_SOCKET
#define CR_CORE SELECT_CORE
#define CR_BOARD SELECT_BOARD
#define CR_MEMORY SELECT_MEMORY
#define CR_LINEAR SELECT_LINEAR
#define CR_ONE_TASK_PER_CORE SELECT_ONE_TASK_PER_CORE
#define CR_PACK_NODES SELECT_PACK_NODES
#define CR_CORE_DEFAULT_DIST_BLOCK SELECT_CORE_DEFAULT_DIST_BLOCK
#define CR_LLN SELECT_LLN

/* submit_response_msg_t: a slurm_step_id_t since 25.11. */
static uint32_t srpy_submit_job_id(const submit_response_msg_t *resp)
{
    return resp->step_id.job_id;
}

static void srpy_job_desc_set_job_id(job_desc_msg_t *desc, uint32_t job_id)
{
    desc->step_id.job_id = job_id;
}

static int srpy_job_desc_set_step_id(job_desc_msg_t *desc, uint64_t sluid, uint32_t job_id, uint32_t het_comp,
                                     uint32_t step_id)
{
    desc->step_id.sluid = sluid;
    desc->step_id.job_id = job_id;
    desc->step_id.step_het_comp = het_comp;
    desc->step_id.step_id = step_id;
    return 0;
}

static uint32_t srpy_submit_step_id(const submit_response_msg_t *resp)
{
    return resp->step_id.step_id;
}

/* parts_packed left the statistics in 25.05. */
static uint32_t srpy_stats_parts_packed(const stats_info_response_msg_t *stats)
{
    return 0;
}

/* KILL_NO_CRON left in 25.05: v0.0.40's NO_CRON_JOBS flag, its bit as it was (no v0.0.40 here). */
#define KILL_NO_CRON SLURM_BIT(9)

/* GET resources/{job_id}: slurm_get_resource_layout() answers src/common/slurm_protocol_defs.h's
 * resource_layout_msg_t (private: no accessor in libslurm), copied here as slurm-26-05-3-1 has it. */
typedef struct {
    char *name;
    char *type;
    uint64_t count;
    bitstr_t *index;
} srpy_node_gres_layout_t;
typedef struct {
    char *node;
    uint64_t mem_alloc;
    uint16_t sockets_per_node;
    uint16_t cores_per_socket;
    char *core_bitmap;
    uint32_t channel;
    list_t *gres;
} srpy_node_resource_layout_t;
typedef struct {
    list_t *nodes;
} srpy_resource_layout_msg_t;
_Static_assert(offsetof(srpy_node_gres_layout_t, index) == 24, "node_gres_layout_t.index");
_Static_assert(offsetof(srpy_node_resource_layout_t, core_bitmap) == 24, "node_resource_layout_t.core_bitmap");
_Static_assert(offsetof(srpy_node_resource_layout_t, gres) == 40, "node_resource_layout_t.gres");

/* src/common/bitstring.h: exported by libslurm, not declared by its headers. */
extern char *slurm_bit_fmt_full(bitstr_t *b);
extern void slurm_free_resource_layout_msg(void *msg);

static int srpy_resource_layout(uint32_t job_id, uint32_t step_id, void **layout)
{
    slurm_step_id_t id = SLURM_STEP_ID_INITIALIZER;

    id.job_id = job_id;
    id.step_id = step_id;
    *layout = NULL;
    return slurm_get_resource_layout(&id, layout);
}

static void *srpy_list_at(list_t *l, int i)
{
    void *x = NULL;
    list_itr_t *it;

    if (!l || i < 0)
        return NULL;
    it = slurm_list_iterator_create(l);
    while ((x = slurm_list_next(it)) && i--)
        ;
    slurm_list_iterator_destroy(it);
    return x;
}

static int srpy_layout_node(void *layout, int i, char **node, uint64_t *mem_alloc, uint16_t *sockets_per_node,
                            uint16_t *cores_per_socket, char **core_bitmap, uint32_t *channel)
{
    srpy_node_resource_layout_t *n =
        layout ? srpy_list_at(((srpy_resource_layout_msg_t *) layout)->nodes, i) : NULL;

    if (!n)
        return -1;
    *node = n->node;
    *mem_alloc = n->mem_alloc;
    *sockets_per_node = n->sockets_per_node;
    *cores_per_socket = n->cores_per_socket;
    *core_bitmap = n->core_bitmap;
    *channel = n->channel;
    return 0;
}

static int srpy_layout_gres(void *layout, int i, int j, char **name, char **type, uint64_t *count, char **index)
{
    srpy_node_resource_layout_t *n =
        layout ? srpy_list_at(((srpy_resource_layout_msg_t *) layout)->nodes, i) : NULL;
    srpy_node_gres_layout_t *g = n ? srpy_list_at(n->gres, j) : NULL;

    if (!g)
        return -1;
    *name = g->name;
    *type = g->type;
    *count = g->count;
    *index = g->index ? slurm_bit_fmt_full(g->index) : NULL;
    return 0;
}

static void srpy_layout_free(void *layout)
{
    if (layout)
        slurm_free_resource_layout_msg(layout);
}

/* resource_allocation_response_msg_t's job id (decl/jobs.h) */
static uint32_t srpy_alloc_job_id(const resource_allocation_response_msg_t *resp)
{
    return resp->step_id.job_id;
}

/* slurm_allocate_resources_blocking() without timeout or callback (decl/jobs.h) */
static resource_allocation_response_msg_t *srpy_allocate(const job_desc_msg_t *req)
{
    return slurm_allocate_resources_blocking(req, 0, NULL, -1);
}

/* A job's slurm_step_id_t (job_info_t.step_id since 26.05). */
static void srpy_job_step_id(const slurm_job_info_t *job, uint64_t *sluid, uint32_t *ids)
{
    *sluid = job->step_id.sluid;
    ids[0] = job->step_id.job_id;
    ids[1] = job->step_id.step_het_comp;
    ids[2] = job->step_id.step_id;
}

/* slurm_create_reservation()'s name: xstrdup()ed (strdup()ed up to 24.11) */
extern void slurm_xfree(void **item);
static void srpy_free_resv_name(char *name)
{
    slurm_xfree((void **) &name);
}

/* slurmdb_config_get() runs accounting_storage/slurmdbd, which calls slurmdbd_free_conf(): only
 * libslurmfull (slurmrestd's own) exports it. Ours, global with this module, frees as
 * src/common/slurmdbd_defs.c does (the strings, then the record); the handler frees with it. */
void slurmdbd_free_conf(slurmdbd_conf_t *conf)
{
    if (!conf)
        return;
    slurm_xfree((void **) &conf->archive_dir);
    slurm_xfree((void **) &conf->archive_script);
    slurm_xfree((void **) &conf->dbd_addr);
    slurm_xfree((void **) &conf->dbd_backup);
    slurm_xfree((void **) &conf->dbd_host);
    slurm_xfree((void **) &conf->default_qos);
    slurm_xfree((void **) &conf->log_file);
    slurm_xfree((void **) &conf->parameters);
    slurm_xfree((void **) &conf->pid_file);
    slurm_xfree((void **) &conf->storage_loc);
    slurm_xfree((void **) &conf->storage_pass_script);
    slurm_xfree((void **) &conf->storage_user);
    slurm_xfree((void **) &conf);
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
    resp = slurm_allocate_het_job_blocking(req, 0, NULL, -1);
    slurm_list_destroy(req);
    *user_msg = NULL;
    if (!resp)
        return -1;
    it = slurm_list_iterator_create(resp);
    while ((r = slurm_list_next(it)) && (n < count)) {
        job_ids[n] = r->step_id.job_id;
        error_codes[n] = r->error_code;
        if (!*user_msg && r->job_submit_user_msg)
            *user_msg = strdup(r->job_submit_user_msg);
        n++;
    }
    slurm_list_iterator_destroy(it);
    slurm_list_destroy(resp);
    return n;
}
