#include <oneapi/dnnl/dnnl.h>

/* Execution-argument indices, as plain constants (the header defines them through other macros). */
static const int MG_ARG_SRC = DNNL_ARG_SRC;
static const int MG_ARG_DST = DNNL_ARG_DST;
static const int MG_ARG_WEIGHTS = DNNL_ARG_WEIGHTS;
static const int MG_ARG_BIAS = DNNL_ARG_BIAS;
static const int MG_ARG_DIFF_SRC = DNNL_ARG_DIFF_SRC;
static const int MG_ARG_DIFF_DST = DNNL_ARG_DIFF_DST;
static const int MG_ARG_DIFF_WEIGHTS = DNNL_ARG_DIFF_WEIGHTS;
static const int MG_ARG_SCRATCHPAD = DNNL_ARG_SCRATCHPAD;
static const int MG_ARG_FROM = DNNL_ARG_FROM;
static const int MG_ARG_TO = DNNL_ARG_TO;

/* A memory object that allocates its own buffer. */
static inline void *mg_memory_allocate(void) { return DNNL_MEMORY_ALLOCATE; }

/* libdnnl runs on OpenMP: each calling thread sets how many threads its parallel regions use. */
void omp_set_num_threads(int);
