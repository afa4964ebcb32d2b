#ifndef HADIR_CEPOLL_H
#define HADIR_CEPOLL_H
// epoll and eventfd for Swift: Glibc's module exports neither.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <stdint.h>

/// EPOLLET is bit 31 and does not import as a Swift constant.
static inline uint32_t cepoll_edge_triggered(void) { return (uint32_t)EPOLLET; }
#endif
