#ifndef HADIR_CEPOLL_H
#define HADIR_CEPOLL_H
// epoll and eventfd for Swift: Glibc's module exports neither.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <stdint.h>
#include <stdlib.h>
#include <netinet/in.h>
#include <sys/socket.h>

/// EPOLLET is bit 31 and does not import as a Swift constant.
static inline uint32_t cepoll_edge_triggered(void) { return (uint32_t)EPOLLET; }

// Event bits as plain integers (glibc declares them in an enum that imports awkwardly).
static inline uint32_t cepoll_in(void) { return (uint32_t)EPOLLIN; }
static inline uint32_t cepoll_out(void) { return (uint32_t)EPOLLOUT; }
static inline uint32_t cepoll_rdhup(void) { return (uint32_t)EPOLLRDHUP; }
static inline uint32_t cepoll_hup(void) { return (uint32_t)EPOLLHUP; }
static inline uint32_t cepoll_err(void) { return (uint32_t)EPOLLERR; }

/// `struct epoll_event` is packed on x86_64, so Swift never touches it directly: these
/// helpers build and read it on the C side, keyed by a 64-bit token.
static inline int cepoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t token) {
    struct epoll_event event;
    event.events = events;
    event.data.u64 = token;
    return epoll_ctl(epfd, op, fd, &event);
}

static inline int cepoll_ctl_add(void) { return EPOLL_CTL_ADD; }
static inline int cepoll_ctl_mod(void) { return EPOLL_CTL_MOD; }
static inline int cepoll_ctl_del(void) { return EPOLL_CTL_DEL; }

/// An array of `count` events for `cepoll_wait`; free it with `cepoll_events_free`.
static inline void *cepoll_events_alloc(int count) {
    return calloc((size_t)count, sizeof(struct epoll_event));
}
static inline void cepoll_events_free(void *events) { free(events); }

static inline int cepoll_wait(int epfd, void *events, int max, int timeout_ms) {
    return epoll_wait(epfd, (struct epoll_event *)events, max, timeout_ms);
}
static inline uint32_t cepoll_event_mask(const void *events, int index) {
    return ((const struct epoll_event *)events)[index].events;
}
static inline uint64_t cepoll_event_token(const void *events, int index) {
    return ((const struct epoll_event *)events)[index].data.u64;
}

/// A non-blocking, close-on-exec eventfd starting at zero.
static inline int cepoll_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

/// `accept4` with SOCK_NONBLOCK | SOCK_CLOEXEC (a GNU extension Glibc's module hides).
int cepoll_accept(int fd, struct sockaddr_in *address, socklen_t *length);
#endif
