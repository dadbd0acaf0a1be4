/* Symbols libslurm exports but the installed headers do not declare (src/common/{bitstring,
 * read_config}.h); struct job_resources, a private layout, is in release/<R>.c. */
#include <stdbool.h>

extern slurm_conf_t slurm_conf;
extern int64_t slurm_bit_size(bitstr_t *b);
extern bool slurm_bit_test(bitstr_t *b, int64_t bit);

/* A het job's components go to slurmctld as a List; building it here keeps List out of the
 * Python side. The List does not own the descriptors. */
int srpy_submit_batch_het_job(job_desc_msg_t **descs, int count, submit_response_msg_t **resp)
{
    struct xlist *list = slurm_list_create(NULL);
    int rc;

    for (int i = 0; i < count; i++)
        slurm_list_append(list, descs[i]);
    rc = slurm_submit_batch_het_job(list, resp);
    slurm_list_destroy(list);
    return rc;
}

/* Returns malloc()ed memory: free() it. */
extern char *slurm_hostlist_nth(struct hostlist *hl, int n);
extern char *slurm_job_state_string(uint32_t inx);
extern char *slurm_job_reason_string(int inx);

/* Widths that changed between releases, taken from the installed header (decl/jobs.h). */
typedef __typeof__(((slurm_job_info_t *) 0)->state_reason) srpy_job_state_reason_t;

void srpy_free_kill_results(srpy_kill_result_t *results, uint32_t count)
{
    for (uint32_t i = 0; results && i < count; i++) {
        free(results[i].error_msg);
        free(results[i].id);
        free(results[i].sibling);
    }
    free(results);
}

/* enum node_cr_state (src/common/job_resources.h, private): the same values 22.05 to 26.05. */
#define NODE_CR_AVAILABLE 0
#define NODE_CR_ONE_ROW 1
#define NODE_CR_RESERVED 64000
