/* Slurm 24.11: declarations only this release has (none yet; its shims are declared in decl/). */

/* @fields partition_info_t */
uint32_t max_cpus_per_socket;
/* @end */

/* @fields slurmdb_assoc_rec_t */
char *comment;
char *lineage;
/* @end */

/* @fields slurmdb_accounting_rec_t */
uint32_t id_alt;
/* @end */
