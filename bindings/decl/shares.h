/* GET /slurm/v0.0.4x/shares: slurm_associations_get_shares (sshare's call), whose messages live in
 * Slurm's private src/common/slurm_protocol_defs.h: decl/shares.c gives their layout. */
typedef struct assoc_shares_object {
    uint32_t assoc_id;
    char *cluster;
    char *name;
    char *parent;
    char *partition;
    double shares_norm;
    uint32_t shares_raw;
    uint64_t *tres_run_secs;
    uint64_t *tres_grp_mins;
    double usage_efctv;
    double usage_norm;
    uint64_t usage_raw;
    long double *usage_tres_raw;
    double fs_factor;
    double level_fs;
    uint16_t user;
    ...;
} assoc_shares_object_t;

typedef struct shares_request_msg {
    struct xlist *acct_list;
    struct xlist *user_list;
    ...;
} shares_request_msg_t;

typedef struct shares_response_msg {
    struct xlist *assoc_shares_list;
    uint64_t tot_shares;
    uint32_t tres_cnt;
    char **tres_names;
    ...;
} shares_response_msg_t;

/* slurm_associations_get_shares(), in libslurm since 23.02 (release/22.05.c: fails there) */
int srpy_get_shares(void *req, void **resp);
void slurm_free_shares_response_msg(shares_response_msg_t *msg);
