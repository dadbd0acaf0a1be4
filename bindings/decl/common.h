/* Shared by every area: types, sentinels, errors, versions, init, the controller config. */
typedef int... time_t;
typedef int... uid_t;
typedef int... gid_t;

#define SLURM_SUCCESS ...
#define SLURM_ERROR ...
#define SLURM_VERSION_NUMBER ...
#define SRPY_RELEASE ...  /* the release layer built in (bindings/build.py): major * 100 + minor */

#define NO_VAL ...
#define NO_VAL16 ...
#define NO_VAL64 ...
#define INFINITE ...
#define INFINITE16 ...
#define INFINITE64 ...
#define INFINITE8 ...
#define NO_VAL8 ...

void slurm_init(const char *conf);
int srpy_errno(void);  /* errno after libslurm's last call (slurm_get_errno() until 23.02) */
char *slurm_strerror(int errnum);

/* slurm_conf_t: the controller's configuration (slurm_load_ctl_conf). Add fields as areas need them. */
typedef struct {
    uint16_t accounting_storage_port;
    char *cluster_name;
    uint32_t control_cnt;
    char **control_machine;
    uint16_t select_type_param;
    uint32_t cpu_freq_govs;
    char *gres_plugins;
    ...;
} slurm_conf_t;

int slurm_load_ctl_conf(time_t update_time, slurm_conf_t **slurm_ctl_conf_ptr);
void slurm_free_ctl_conf(slurm_conf_t *slurm_ctl_conf_ptr);
