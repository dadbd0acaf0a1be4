/* slurmdbd through libslurm: a connection per request, the list API, and the records the
 * dbv0.0.38 endpoints read and write. */
typedef struct xlist *List;
typedef struct listIterator *ListIterator;
typedef void (*ListDelF)(void *x);
struct slurmdb_assoc_usage;
typedef int... srpy_assoc_flags_t;  /* uint16_t in 22.05, uint32_t in 24.11 and 26.05 (decl/slurmdb.c) */

List slurm_list_create(ListDelF f);
void slurm_list_append(List l, void *x);  /* void * until 23.02: not used */
int slurm_list_count(List l);
void slurm_list_destroy(List l);
ListIterator slurm_list_iterator_create(List l);
void *slurm_list_next(ListIterator i);
void slurm_list_iterator_destroy(ListIterator i);

void *slurmdb_connection_get(uint16_t *persist_conn_flags);
int slurmdb_connection_close(void **db_conn);
int slurmdb_connection_commit(void *db_conn, bool commit);

typedef struct {
	List acct_list;
	List cluster_list;
	List def_qos_id_list;
	List format_list;
	List id_list;
	List parent_acct_list;
	List partition_list;
	List qos_list;
	time_t usage_end;
	time_t usage_start;
	List user_list;
	...;
} slurmdb_assoc_cond_t;

typedef struct {
	slurmdb_assoc_cond_t *assoc_cond;
	List description_list;
	...;
} slurmdb_account_cond_t;

typedef struct {
	uint16_t admin_level;
	slurmdb_assoc_cond_t *assoc_cond;
	List def_acct_list;
	List def_wckey_list;
	uint16_t without_defaults;
	uint16_t with_assocs;
	uint16_t with_coords;
	uint16_t with_deleted;
	uint16_t with_wckeys;
	...;
} slurmdb_user_cond_t;

typedef struct {
	List id_list;
	List name_list;
	...;
} slurmdb_qos_cond_t;

typedef struct {
	uint64_t count;
	uint16_t with_deleted;
	...;
} slurmdb_tres_cond_t;

typedef struct {
	List cluster_list;
	List id_list;
	List name_list;
	uint16_t only_defs;
	List user_list;
	uint16_t with_deleted;
	uint16_t with_usage;
	...;
} slurmdb_wckey_cond_t;

typedef struct {
	List cluster_list;
	uint32_t flags;
	uint16_t with_deleted;
	uint16_t with_usage;
	...;
} slurmdb_cluster_cond_t;

typedef struct {
	uint64_t count;
	uint32_t id;
	char *name;
	char *type;
	...;
} slurmdb_tres_rec_t;

typedef struct {
	char *name;
	uint16_t direct;
	...;
} slurmdb_coord_rec_t;

typedef struct {
	char *acct;
	char *cluster;
	uint32_t def_qos_id;
	srpy_assoc_flags_t flags;
	uint32_t grp_jobs;
	uint32_t grp_jobs_accrue;
	uint32_t grp_submit_jobs;
	char *grp_tres;
	char *grp_tres_mins;
	char *grp_tres_run_mins;
	uint32_t grp_wall;
	uint32_t id;
	uint16_t is_def;
	uint32_t max_jobs;
	uint32_t max_jobs_accrue;
	uint32_t max_submit_jobs;
	char *max_tres_mins_pj;
	char *max_tres_run_mins;
	char *max_tres_pj;
	char *max_tres_pn;
	uint32_t max_wall_pj;
	uint32_t min_prio_thresh;
	char *parent_acct;
	char *partition;
	uint32_t priority;
	List qos_list;
	uint32_t shares_raw;
	struct slurmdb_assoc_usage *usage;
	char *user;
	List accounting_list;
	/* @fields slurmdb_assoc_rec_t */
	...;
} slurmdb_assoc_rec_t;

typedef struct {
	uint64_t alloc_secs;
	uint32_t id;
	time_t period_start;
	slurmdb_tres_rec_t tres_rec;
	/* @fields slurmdb_accounting_rec_t */
	...;
} slurmdb_accounting_rec_t;

typedef struct {
	List assoc_list;
	List coordinators;
	char *description;
	uint32_t flags;
	char *name;
	char *organization;
	...;
} slurmdb_account_rec_t;

typedef struct {
	uint16_t admin_level;
	List assoc_list;
	List coord_accts;
	char *default_acct;
	char *default_wckey;
	uint32_t flags;
	char *name;
	char *old_name;
	List wckey_list;
	/* @fields slurmdb_user_rec_t */
	...;
} slurmdb_user_rec_t;

typedef struct {
	char *description;
	uint32_t id;
	uint32_t flags;
	uint32_t grace_time;
	uint32_t grp_jobs_accrue;
	uint32_t grp_jobs;
	uint32_t grp_submit_jobs;
	char *grp_tres;
	char *grp_tres_mins;
	char *grp_tres_run_mins;
	uint32_t grp_wall;
	double limit_factor;
	uint32_t max_jobs_pa;
	uint32_t max_jobs_pu;
	uint32_t max_jobs_accrue_pa;
	uint32_t max_jobs_accrue_pu;
	uint32_t max_submit_jobs_pa;
	uint32_t max_submit_jobs_pu;
	char *max_tres_mins_pj;
	char *max_tres_pa;
	char *max_tres_pj;
	char *max_tres_pn;
	char *max_tres_pu;
	char *max_tres_run_mins_pa;
	char *max_tres_run_mins_pu;
	uint32_t max_wall_pj;
	uint32_t min_prio_thresh;
	char *min_tres_pj;
	char *name;
	int64_t *preempt_bitstr;
	List preempt_list; /* QOS ids as strings, to set preemption (the bitstr is what is read) */ /* bitstr_t: [0] magic, [1] bit count, then 64-bit words */
	uint16_t preempt_mode;
	uint32_t preempt_exempt_time;
	uint32_t priority;
	double usage_factor;
	double usage_thres;
	...;
} slurmdb_qos_rec_t;

typedef struct {
	List accounting_list;
	char *cluster;
	uint32_t id;
	uint16_t is_def;
	char *name;
	char *user;
	uint32_t flags;
	...;
} slurmdb_wckey_rec_t;

typedef struct {
	List accounting_list;
	char *control_host;
	uint32_t control_port;
	uint32_t flags;
	char *name;
	char *nodes;
	slurmdb_assoc_rec_t *root_assoc;
	uint16_t rpc_version;
	char *tres_str;
	...;
} slurmdb_cluster_rec_t;

/* Query options that were uint16_t fields until 22.05 and are flag bits since 23.02 (release/<R>.c
 * sets them either way). */
void srpy_assoc_cond_with(slurmdb_assoc_cond_t *cond, int deleted, int usage,
                          int without_parent_info, int without_parent_limits);
/* The other association query switches (uint16_t fields until 22.05, flag bits since 23.02). */
void srpy_assoc_cond_more(slurmdb_assoc_cond_t *cond, int only_defs, int raw_qos, int sub_accts);
void srpy_account_cond_with(slurmdb_account_cond_t *cond, int assocs, int coords, int deleted);
void srpy_qos_cond_with(slurmdb_qos_cond_t *cond, int deleted);
/* slurmdb_cluster_rec_t.plugin_id_select, gone in 23.02: NO_VAL there. */
uint32_t srpy_cluster_select_plugin(const slurmdb_cluster_rec_t *cluster);

List slurmdb_accounts_get(void *db_conn, slurmdb_account_cond_t *acct_cond);
int slurmdb_accounts_add(void *db_conn, List acct_list);
List slurmdb_accounts_remove(void *db_conn, slurmdb_account_cond_t *acct_cond);
List slurmdb_users_get(void *db_conn, slurmdb_user_cond_t *user_cond);
int slurmdb_users_add(void *db_conn, List user_list);
int slurmdb_coord_add(void *db_conn, List acct_list, slurmdb_user_cond_t *user_cond);
List slurmdb_coord_remove(void *db_conn, List acct_list, slurmdb_user_cond_t *user_cond);
/* Accounts and users added with associations from a condition: 23.02 on (release/22.05.c: refused there). */
typedef struct {
	List acct_list;
	slurmdb_assoc_rec_t assoc;
	List cluster_list;
	char *default_acct;
	List partition_list;
	List user_list;
	List wckey_list;
	...;
} slurmdb_add_assoc_cond_t;
char *slurmdb_accounts_add_cond(void *db_conn, slurmdb_add_assoc_cond_t *add_assoc, slurmdb_account_rec_t *acct);
char *slurmdb_users_add_cond(void *db_conn, slurmdb_add_assoc_cond_t *add_assoc, slurmdb_user_rec_t *user);
void slurmdb_init_add_assoc_cond(slurmdb_add_assoc_cond_t *add_assoc, bool free_it);
List slurmdb_users_modify(void *db_conn, slurmdb_user_cond_t *user_cond, slurmdb_user_rec_t *user);
List slurmdb_accounts_modify(void *db_conn, slurmdb_account_cond_t *acct_cond, slurmdb_account_rec_t *acct);
List slurmdb_users_remove(void *db_conn, slurmdb_user_cond_t *user_cond);
List slurmdb_associations_get(void *db_conn, slurmdb_assoc_cond_t *assoc_cond);
int slurmdb_associations_add(void *db_conn, List assoc_list);
List slurmdb_associations_remove(void *db_conn, slurmdb_assoc_cond_t *assoc_cond);
List slurmdb_qos_get(void *db_conn, slurmdb_qos_cond_t *qos_cond);
List slurmdb_tres_get(void *db_conn, slurmdb_tres_cond_t *tres_cond);
List slurmdb_wckeys_get(void *db_conn, slurmdb_wckey_cond_t *wckey_cond);
List slurmdb_clusters_get(void *db_conn, slurmdb_cluster_cond_t *cluster_cond);

/* Cloud instances and the ping of every slurmdbd: 23.02 on (release/22.05.c: none there). */
typedef struct {
	List cluster_list;
	List extra_list;
	List instance_id_list;
	List instance_type_list;
	char *node_list;
	time_t time_end;
	time_t time_start;
	...;
} slurmdb_instance_cond_t;
typedef struct {
	char *cluster;
	char *extra;
	char *instance_id;
	char *instance_type;
	char *node_name;
	time_t time_end;
	time_t time_start;
	...;
} slurmdb_instance_rec_t;
List slurmdb_instances_get(void *db_conn, slurmdb_instance_cond_t *instance_cond);
typedef struct {
	char *hostname;
	bool pinged;
	long latency;
	int offset;
	/* @fields slurmdbd_ping_t */
	...;
} slurmdbd_ping_t;
slurmdbd_ping_t *slurmdb_ping_all(void);
List slurmdb_associations_modify(void *db_conn, slurmdb_assoc_cond_t *assoc_cond,
				 slurmdb_assoc_rec_t *assoc);
int slurmdb_qos_add(void *db_conn, List qos_list);
List slurmdb_qos_modify(void *db_conn, slurmdb_qos_cond_t *qos_cond, slurmdb_qos_rec_t *qos);
List slurmdb_qos_remove(void *db_conn, slurmdb_qos_cond_t *qos_cond);
int slurmdb_wckeys_add(void *db_conn, List wckey_list);
List slurmdb_wckeys_remove(void *db_conn, slurmdb_wckey_cond_t *wckey_cond);
int slurmdb_clusters_add(void *db_conn, List cluster_list);
List slurmdb_clusters_remove(void *db_conn, slurmdb_cluster_cond_t *cluster_cond);

void slurmdb_destroy_assoc_rec(void *object);
void slurmdb_destroy_account_rec(void *object);
void slurmdb_destroy_user_rec(void *object);
void slurmdb_init_assoc_rec(slurmdb_assoc_rec_t *assoc, bool free_it);
void slurmdb_init_qos_rec(slurmdb_qos_rec_t *qos, bool free_it, uint32_t init_val);
void slurmdb_init_wckey_rec(slurmdb_wckey_rec_t *wckey, bool free_it);
void slurmdb_init_cluster_rec(slurmdb_cluster_rec_t *cluster, bool free_it);


#define ASSOC_FLAG_DELETED ...
#define ASSOC_FLAG_NO_UPDATE ...
#define ASSOC_FLAG_EXACT ...
#define ASSOC_FLAG_USER_COORD_NO ...
#define ASSOC_FLAG_USER_COORD ...
#define SLURMDB_USER_FLAG_DELETED ...
#define SLURMDB_ACCT_FLAG_DELETED ...
#define SLURMDB_ACCT_FLAG_WASSOC ...
#define SLURMDB_ACCT_FLAG_WCOORD ...
#define SLURMDB_ACCT_FLAG_USER_COORD_NO ...
#define SLURMDB_ACCT_FLAG_USER_COORD ...
#define SLURMDB_USER_FLAG_NONE ...
#define SLURMDB_ADMIN_NOTSET ...
#define SLURMDB_ADMIN_NONE ...
#define SLURMDB_ADMIN_OPERATOR ...
#define SLURMDB_ADMIN_SUPER_USER ...
#define SLURMDB_WCKEY_FLAG_DELETED ...
#define QOS_FLAG_BASE ...
#define QOS_FLAG_NOTSET ...
#define QOS_FLAG_ADD ...
#define QOS_FLAG_REMOVE ...
#define QOS_FLAG_RELATIVE ...
#define QOS_FLAG_PART_MIN_NODE ...
#define QOS_FLAG_PART_MAX_NODE ...
#define QOS_FLAG_PART_TIME_LIMIT ...
#define QOS_FLAG_ENFORCE_USAGE_THRES ...
#define QOS_FLAG_NO_RESERVE ...
#define QOS_FLAG_REQ_RESV ...
#define QOS_FLAG_DENY_LIMIT ...
#define QOS_FLAG_OVER_PART_QOS ...
#define QOS_FLAG_NO_DECAY ...
#define QOS_FLAG_USAGE_FACTOR_SAFE ...
#define CLUSTER_FLAG_MULTSD ...
#define CLUSTER_FLAG_FE ...
#define CLUSTER_FLAG_CRAY ...
#define CLUSTER_FLAG_FED ...
#define CLUSTER_FLAG_EXT ...
/* v0.0.43 on name these (26.05's; QOS_FLAG_PART_QOS from 24.11) */
#define CLUSTER_FLAG_DELETED ...
#define QOS_FLAG_PART_QOS ...
#define QOS_FLAG_DELETED ...
#define PREEMPT_MODE_SUSPEND ...
#define PREEMPT_MODE_REQUEUE ...
#define PREEMPT_MODE_CANCEL ...
#define PREEMPT_MODE_GANG ...
#define PREEMPT_MODE_OFF ...
