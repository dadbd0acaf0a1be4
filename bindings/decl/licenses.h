/* GET /slurm/v0.0.38/licenses: slurm_load_licenses. */
typedef struct slurm_license_info {
    char *name;
    uint32_t total;
    uint32_t in_use;
    uint32_t available;
    uint8_t remote;
    uint32_t reserved;
    /* @fields slurm_license_info_t */
    ...;
} slurm_license_info_t;

typedef struct license_info_msg {
    time_t last_update;
    uint32_t num_lic;
    slurm_license_info_t *lic_array;
    ...;
} license_info_msg_t;

int slurm_load_licenses(time_t, license_info_msg_t **, uint16_t);
void slurm_free_license_info_msg(license_info_msg_t *);
