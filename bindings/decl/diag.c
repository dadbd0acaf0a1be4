/* Exported by libslurm (src/common/slurm_protocol_defs.h) but missing from the installed headers. */
extern void slurm_free_stats_response_msg(stats_info_response_msg_t *msg);

/* Widths that changed between releases, taken from the installed header (decl/diag.h). */
typedef __typeof__(((stats_info_response_msg_t *) 0)->schedule_cycle_sum) srpy_schedule_cycle_sum_t;
