/* Writes new in v0.0.43-45 (26.05's slurmrestd) that every release's libslurm can do:
 * DELETE partition/{name} (v0.0.45), POST new/node/ (v0.0.44 on), job/{id}/requeue and
 * jobs/requeue (v0.0.45). */
typedef struct {
    char *name;
    ...;
} delete_part_msg_t;
int slurm_delete_partition(delete_part_msg_t *part_msg);
int slurm_create_node(update_node_msg_t *node_msg);
int slurm_requeue2(char *job_id, uint32_t flags, job_array_resp_msg_t **resp);
#define ESLURM_REST_BAD_REQUEST ...  /* 26.05 on; release/<R>.c gives older releases its number */
