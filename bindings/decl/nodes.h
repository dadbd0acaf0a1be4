/* GET /slurm/v0.0.38/nodes, /node/{node_name}: slurm_load_node*, per-node allocation via srpy_node_alloc. */
#define SHOW_ALL ...
#define SHOW_DETAIL ...
#define SHOW_MIXED ...
#define SLURM_NO_CHANGE_IN_DATA ...
#define ESLURM_INVALID_NODE_NAME ...
/* Node states (v0.0.40 on write them as lists of a base state and flags). */
#define NODE_STATE_UNKNOWN ...
#define NODE_STATE_DOWN ...
#define NODE_STATE_IDLE ...
#define NODE_STATE_ALLOCATED ...
#define NODE_STATE_ERROR ...
#define NODE_STATE_MIXED ...
#define NODE_STATE_FUTURE ...
#define NODE_STATE_BASE ...
#define NODE_STATE_FLAGS ...
#define NODE_STATE_RES ...
#define NODE_STATE_UNDRAIN ...
#define NODE_STATE_CLOUD ...
#define NODE_RESUME ...
#define NODE_STATE_DRAIN ...
#define NODE_STATE_COMPLETING ...
#define NODE_STATE_NO_RESPOND ...
#define NODE_STATE_POWERED_DOWN ...
#define NODE_STATE_FAIL ...
#define NODE_STATE_POWERING_UP ...
#define NODE_STATE_MAINT ...
#define NODE_STATE_REBOOT_REQUESTED ...
#define NODE_STATE_REBOOT_CANCEL ...
#define NODE_STATE_POWERING_DOWN ...
#define NODE_STATE_DYNAMIC_FUTURE ...
#define NODE_STATE_REBOOT_ISSUED ...
#define NODE_STATE_PLANNED ...
#define NODE_STATE_INVALID_REG ...
#define NODE_STATE_POWER_DOWN ...
#define NODE_STATE_POWER_UP ...
#define NODE_STATE_POWER_DRAIN ...
#define NODE_STATE_DYNAMIC_NORM ...
/* 25.05 on (release/<R>.c: 0 before, never reported) */
#define NODE_STATE_EXTERNAL ...
#define NODE_CERT_TOKEN_SET ...
#define NODE_STATE_BLOCKED ...  /* 24.11 on */

typedef struct acct_gather_energy {
    uint32_t ave_watts;
    uint64_t base_consumed_energy;
    uint64_t consumed_energy;
    uint32_t current_watts;
    uint64_t previous_consumed_energy;
    time_t poll_time;
    ...;
} acct_gather_energy_t;


typedef struct node_info {
    char *arch;
    char *bcast_address;
    uint16_t boards;
    time_t boot_time;
    char *cluster_name;
    uint16_t cores;
    uint16_t core_spec_cnt;
    uint32_t cpu_bind;
    uint32_t cpu_load;
    uint64_t free_mem;
    uint16_t cpus;
    uint16_t cpus_efctv;
    char *cpu_spec_list;
    acct_gather_energy_t *energy;
    char *extra;
    char *features;
    char *features_act;
    char *gres;
    char *gres_drain;
    char *gres_used;
    time_t last_busy;
    char *mcs_label;
    uint64_t mem_spec_limit;
    char *name;
    uint32_t next_state;
    char *node_addr;
    char *node_hostname;
    uint32_t node_state;
    char *os;
    uint32_t owner;
    char *partitions;
    uint16_t port;
    uint64_t real_memory;
    char *comment;
    char *reason;
    time_t reason_time;
    uint32_t reason_uid;
    time_t slurmd_start_time;
    uint16_t sockets;
    uint16_t threads;
    uint32_t tmp_disk;
    uint32_t weight;
    char *tres_fmt_str;
    char *version;
    /* @fields node_info_t */
    ...;
} node_info_t;

typedef struct node_info_msg {
    time_t last_update;
    uint32_t record_count;
    node_info_t *node_array;
    ...;
} node_info_msg_t;

int slurm_load_node(time_t update_time, node_info_msg_t **resp, uint16_t show_flags);
int slurm_load_node_single(node_info_msg_t **resp, char *node_name, uint16_t show_flags);
void slurm_free_node_info_msg(node_info_msg_t *node_buffer_ptr);

/* POST node/{node_name}, POST nodes/, DELETE node/{node_name} (v0.0.40 on). */
typedef struct slurm_update_node_msg {
    char *comment;
    uint32_t cpu_bind;
    char *extra;
    char *features;
    char *features_act;
    char *gres;
    char *node_addr;
    char *node_hostname;
    char *node_names;
    uint32_t node_state;
    char *reason;
    uint32_t weight;
    /* @fields update_node_msg_t */
    ...;
} update_node_msg_t;
void slurm_init_update_node_msg(update_node_msg_t *update_node_msg);
int slurm_update_node(update_node_msg_t *node_msg);
int slurm_delete_node(update_node_msg_t *node_msg);
/* A node's allocated CPUs, memory, TRES (xmalloc()ed: slurm_xfree() it) and weighted TRES:
 * release/<R>.c reads them where that release keeps them (select_nodeinfo before 25.05). */
int srpy_node_alloc(node_info_t *n, uint16_t *cpus, uint64_t *mem, char **tres, double *weighted);

/* Exported by libslurm but not declared by its headers: see decl/nodes.c. */
bool slurm_valid_base_state(uint32_t state);
const char *slurm_node_state_base_string(uint32_t state);
const char *slurm_node_state_flag_string_single(uint32_t *state);
void slurm_xfree(void **item);
