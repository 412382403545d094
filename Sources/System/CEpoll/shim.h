// Linux I/O calls that Swift's Glibc module does not expose: epoll, eventfd, sendfile, accept4.
#ifndef STYLIFY_CEPOLL_SHIM_H
#define STYLIFY_CEPOLL_SHIM_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/socket.h>

// accept4 is declared only under _GNU_SOURCE, which a module shim cannot impose on <sys/socket.h>.
extern int accept4(int fd, struct sockaddr *addr, socklen_t *addr_len, int flags);

#endif
