/* Slurm 24.11 (libslurm.so.42): the layer under the decl/ files. */
#include <stdlib.h>
#include <stdbool.h>

typedef int64_t bitstr_t;

/* v0.0.45's select_type bits under 24.11's names; what it does not have: 0, never reported. */
#define PREEMPT_MODE_PRIORITY 0
#define SELECT_LL_SHARED_GRES LL_SHARED_GRES
#define SELECT_MULTIPLE_SHARING_GRES_PJ MULTIPLE_SHARING_GRES_PJ
#define SELECT_ENFORCE_BINDING_GRES ENFORCE_BINDING_GRES
#define SELECT_ONE_TASK_PER_SHARING_GRES ONE_TASK_PER_SHARING_GRES
#define SELECT_NO_DIST_TOPO_BLOCK 0

/* src/common/job_resources.h of 24.11 (next_step_node_inx is new) (private: libslurm exports no accessor for the cores). */
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
    uint32_t node_req;
    char *nodes;
    uint32_t ncpus;
    uint32_t *sock_core_rep_count;
    uint16_t *sockets_per_node;
    uint16_t *tasks_per_node;
    uint16_t threads_per_core;
    uint8_t whole_node;
};
/* The layout of slurm-24-11-5-1's header on LP64 (x86_64, aarch64): a field moved by an edit here
 * fails the build instead of reading the wrong memory. */
_Static_assert(sizeof(void *) == 8, "struct job_resources offsets are known for LP64 only");
_Static_assert(offsetof(struct job_resources, cpus) == 40, "job_resources.cpus");
_Static_assert(offsetof(struct job_resources, cores_per_socket) == 56, "job_resources.cores_per_socket");
_Static_assert(offsetof(struct job_resources, memory_allocated) == 72, "job_resources.memory_allocated");
_Static_assert(offsetof(struct job_resources, nhosts) == 92, "job_resources.nhosts");
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

/* Renamed since 22.05: the layer keeps the names decl/ uses. */
#define slurm_job_reason_string slurm_job_state_reason_string

/* 26.05's reservation flag FORCE_START (v0.0.44 on name it): never set here */
#define RESERVE_FLAG_FORCE_START 0

/* slurm_create_reservation()'s name: strdup()ed until 25.x (xstrdup()ed in 26.05) */
static void srpy_free_resv_name(char *name)
{
    free(name);
}

/* 26.05's (never reported here), named by the v0.0.43-45 parsers */
#define SLURMDB_JOB_FLAG_ALTERED 0
#define JOB_EXPEDITING 0
#define CLUSTER_FLAG_DELETED 0
#define QOS_FLAG_DELETED 0
