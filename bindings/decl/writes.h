/* Writes new in v0.0.43-45 (26.05's slurmrestd) that every release's libslurm can do:
 * DELETE partition/{name} (v0.0.45), POST new/node/ (v0.0.44 on), job/{id}/requeue and
 * jobs/requeue (v0.0.45). */
typedef struct {
    char *name;
    ...;
} delete_part_msg_t;
int slurm_delete_partition(delete_part_msg_t *part_msg);
/* DELETE reservation/{reservation_name} (v0.0.42 on 26.05, v0.0.43 on) */
typedef struct {
    char *name;
    ...;
} reservation_name_msg_t;
int slurm_delete_reservation(reservation_name_msg_t *resv_msg);
/* POST partitions/ (v0.0.45): a partition description is a partition_info_t (update_part_msg_t) */
void slurm_init_part_desc_msg(partition_info_t *update_part_msg);
int slurm_create_partition(partition_info_t *part_msg);
int slurm_update_partition(partition_info_t *part_msg);
#define PART_FLAG_EXC_USER_CLR ...
#define PART_FLAG_EXC_TOPO_CLR ...  /* 24.11 on: 22.05.c defines it 0 */
#define PART_FLAG_SCHED_FAILED ...  /* 24.11 on: 22.05.c defines it 0 */
#define PART_FLAG_SCHED_CLEARED ...  /* 24.11 on: 22.05.c defines it 0 */
int slurm_create_node(update_node_msg_t *node_msg);
int slurm_requeue2(char *job_id, uint32_t flags, job_array_resp_msg_t **resp);
#define ESLURM_REST_BAD_REQUEST ...  /* 26.05 on; release/<R>.c gives older releases its number */
/* POST reservation and reservations/ (v0.0.43 on): create (slurm_create_reservation) or update
 * (slurm_update_reservation) from a reservation description. core_cnt and node_cnt are numbers
 * from 23.02, arrays ending in 0 in 22.05; comment is 23.02's too (release/<R>.h). */
typedef struct {
    char *accounts; char *burst_buffer; uint32_t duration; time_t end_time; char *features;
    uint64_t flags; char *groups; char *licenses; uint32_t max_start_delay; char *name;
    char *node_list; char *partition; uint32_t purge_comp_time; time_t start_time; char *tres_str;
    char *users;
    /* @fields resv_desc_msg_t */
    ...;
} resv_desc_msg_t;
void slurm_init_resv_desc_msg(resv_desc_msg_t *update_resv_msg);
char *slurm_create_reservation(resv_desc_msg_t *resv_msg);
int slurm_update_reservation(resv_desc_msg_t *resv_msg);
void srpy_free_resv_name(char *name);  /* release/<R>.c: free() or xfree() */
#define ESLURM_REQUESTED_NODE_CONFIG_UNAVAILABLE ...
#define RESERVE_FLAG_FORCE_START ...  /* 26.05 on: release/<R>.c defines it 0 before */
#define RESERVE_TRES_PER_NODE ...  /* 24.11 on: 22.05.c defines it 0 */
