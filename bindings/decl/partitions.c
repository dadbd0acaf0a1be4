/* Widths that changed between releases, taken from the installed header (decl/partitions.h). */
typedef __typeof__(((partition_info_t *) 0)->flags) srpy_partition_flags_t;
