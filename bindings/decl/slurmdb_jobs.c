/* libslurm.so.38 exports these (Slurm 22.05's src/common/{slurm_protocol_defs,parse_time,
 * slurm_step_layout,xmalloc}.h); the installed headers do not declare them. */
extern int slurm_addto_char_list(struct xlist *char_list, char *names);
extern int slurm_addto_step_list(struct xlist *step_list, char *names);
extern time_t slurm_parse_time(const char *time_str, int past);
extern uint32_t slurm_job_state_num(const char *state_name);
extern char *slurm_step_layout_type_name(uint32_t task_dist);
extern void slurm_xfree_ptr(void *item);
extern void slurmdb_job_cond_def_start_end(slurmdb_job_cond_t *job_cond);
