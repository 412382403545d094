#pragma once
#include <stdbool.h>

// Whether this CPU can run the Inference module, which is compiled for AVX2 and FMA (x86-64
// Haswell, 2013, or newer). Asked by `stylify` before any command runs, so an older CPU gets a
// sentence instead of SIGILL in the middle of a request. Compiled without those flags itself.
static inline bool stylify_cpu_runs_inference(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return true;
#endif
}
