/* ABI facts libslurm.so.38 exports but the installed headers do not declare (Slurm 22.05's
 * src/common/{job_resources,bitstring,read_config}.h). */
#include <stdbool.h>

typedef int64_t bitstr_t;

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

extern slurm_conf_t slurm_conf;
extern int64_t slurm_bit_size(bitstr_t *b);
extern bool slurm_bit_test(bitstr_t *b, int64_t bit);

/* A het job's components go to slurmctld as a List; building it here keeps List out of the
 * Python side. The List does not own the descriptors. */
int srpy_submit_batch_het_job(job_desc_msg_t **descs, int count, submit_response_msg_t **resp)
{
    List list = slurm_list_create(NULL);
    int rc;

    for (int i = 0; i < count; i++)
        slurm_list_append(list, descs[i]);
    rc = slurm_submit_batch_het_job(list, resp);
    slurm_list_destroy(list);
    return rc;
}

/* Returns malloc()ed memory: free() it. */
extern char *slurm_hostlist_nth(hostlist_t hl, int n);
extern char *slurm_job_state_string(uint32_t inx);
extern char *slurm_job_reason_string(int inx);
