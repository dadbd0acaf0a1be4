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

/* A job's slurm_step_id_t (job_info_t.step_id since 26.05). */
static void srpy_job_step_id(const slurm_job_info_t *job, uint64_t *sluid, uint32_t *ids)
{
    *sluid = job->step_id.sluid;
    ids[0] = job->step_id.job_id;
    ids[1] = job->step_id.step_het_comp;
    ids[2] = job->step_id.step_id;
}
