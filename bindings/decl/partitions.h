/* GET /slurm/v0.0.38/partitions, /partition/{partition_name}: slurm_load_partitions. */
#define ESLURM_INVALID_PARTITION_NAME ...
#define MEM_PER_CPU ...
#define PART_FLAG_DEFAULT ...
#define PART_FLAG_HIDDEN ...
#define PART_FLAG_NO_ROOT ...
#define PART_FLAG_ROOT_ONLY ...
#define PART_FLAG_REQ_RESV ...
#define PART_FLAG_LLN ...
#define PART_FLAG_EXCLUSIVE_USER ...
#define PREEMPT_MODE_OFF ...
#define PREEMPT_MODE_SUSPEND ...
#define PREEMPT_MODE_REQUEUE ...
#define PREEMPT_MODE_GANG ...
#define PREEMPT_MODE_WITHIN ...
#define PARTITION_UP ...
#define PARTITION_DOWN ...
#define PARTITION_INACTIVE ...
#define PARTITION_DRAIN ...

typedef int... srpy_partition_flags_t;  /* uint16_t in 22.05, uint32_t in 24.11 and 26.05 (decl/partitions.c) */

typedef struct partition_info {
    char *allow_alloc_nodes;
    char *allow_accounts;
    char *allow_groups;
    char *allow_qos;
    char *alternate;
    char *billing_weights_str;
    uint64_t def_mem_per_cpu;
    uint32_t default_time;
    char *deny_accounts;
    char *deny_qos;
    srpy_partition_flags_t flags;
    uint32_t grace_time;
    uint32_t max_cpus_per_node;
    uint64_t max_mem_per_cpu;
    uint32_t max_nodes;
    uint32_t max_time;
    uint32_t min_nodes;
    char *name;
    char *nodes;
    uint16_t over_time_limit;
    uint16_t preempt_mode;
    uint16_t priority_job_factor;
    uint16_t priority_tier;
    char *qos_char;
    uint16_t state_up;
    uint32_t total_cpus;
    uint32_t total_nodes;
    char *tres_fmt_str;
    ...;
} partition_info_t;

typedef struct partition_info_msg {
    time_t last_update;
    uint32_t record_count;
    partition_info_t *partition_array;
    ...;
} partition_info_msg_t;

int slurm_load_partitions(time_t update_time, partition_info_msg_t **part_buffer_ptr,
                          uint16_t show_flags);
void slurm_free_partition_info_msg(partition_info_msg_t *part_info_ptr);

/* Fills node_info_t.partitions, which slurmctld leaves empty. */
void slurm_populate_node_partitions(node_info_msg_t *node_buffer_ptr,
                                    partition_info_msg_t *part_buffer_ptr);
