/* GET /slurm/v0.0.44+/resources/{job_id}: slurm_get_resource_layout() (26.05 on), walked by the
 * release's layer (release/<R>.c), whose private structs stay there. Before 26.05 libslurm has no
 * such call: srpy_resource_layout() answers ESLURM_NOT_SUPPORTED and no layout. */
#define ESLURM_NOT_SUPPORTED ...
int srpy_resource_layout(uint32_t job_id, uint32_t step_id, void **layout);  /* rc; *layout or NULL */
/* node i of the layout (0 on): 0, or -1 past the last; strings stay the layout's */
int srpy_layout_node(void *layout, int i, char **node, uint64_t *mem_alloc, uint16_t *sockets_per_node,
                     uint16_t *cores_per_socket, char **core_bitmap, uint32_t *channel);
/* GRES j of node i: 0, or -1 past the last; *index is the bit string formatted (slurm_xfree it) */
int srpy_layout_gres(void *layout, int i, int j, char **name, char **type, uint64_t *count, char **index);
void srpy_layout_free(void *layout);
