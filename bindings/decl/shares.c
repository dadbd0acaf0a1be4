/* The private messages of slurm_associations_get_shares() (src/common/slurm_protocol_defs.h, the
 * same in 22.05, 24.11 and 26.05 but for List being list_t *), with their layout on LP64 proved. */
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
} assoc_shares_object_t;

typedef struct shares_request_msg {
    struct xlist *acct_list;
    struct xlist *user_list;
} shares_request_msg_t;

typedef struct shares_response_msg {
    struct xlist *assoc_shares_list;
    uint64_t tot_shares;
    uint32_t tres_cnt;
    char **tres_names;
} shares_response_msg_t;

_Static_assert(sizeof(void *) == 8, "the shares messages' offsets are known for LP64 only");
_Static_assert(offsetof(assoc_shares_object_t, shares_norm) == 40, "assoc_shares_object_t.shares_norm");
_Static_assert(offsetof(assoc_shares_object_t, tres_run_secs) == 56, "assoc_shares_object_t.tres_run_secs");
_Static_assert(offsetof(assoc_shares_object_t, usage_tres_raw) == 96, "assoc_shares_object_t.usage_tres_raw");
_Static_assert(offsetof(assoc_shares_object_t, user) == 120, "assoc_shares_object_t.user");
_Static_assert(sizeof(assoc_shares_object_t) == 128, "sizeof(assoc_shares_object_t)");
_Static_assert(offsetof(shares_response_msg_t, tres_names) == 24, "shares_response_msg_t.tres_names");

extern void slurm_free_shares_response_msg(shares_response_msg_t *msg);
