/*
 * rawwire.h - a minimal client of rsmd's wire protocol (common/wire.h) for
 * the tests that speak it from a raw socket: wire_smoke.c and
 * test_notify_wire.c. Every read is bounded by RAWWIRE_TIMEOUT_MS; failures
 * to send or connect fail the test.
 */
#ifndef RSM_TEST_RAWWIRE_H
#define RSM_TEST_RAWWIRE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "wire.h"

#define RAWWIRE_TIMEOUT_MS 5000
#define TIMEOUT_MS RAWWIRE_TIMEOUT_MS

/* The service's socket, set by rawwire_init. */
extern const char *sock_path;

/* Take the socket from argv[1], else RSM_SOCKET. 0, or 2 after a usage
 * line naming `program` (main returns it). */
int rawwire_init(int argc, char **argv, const char *program);

/* A connected socket. */
int dial(void);
void send_bytes(int fd, const void *buf, size_t len);
/* Read exactly len bytes; 0 on success, -1 on EOF, error or time-out. */
int recv_bytes(int fd, void *buf, size_t len);
void send_request(int fd, const Rsm__Request *req);
/* The next response, or NULL when the service closed the connection. */
Rsm__Response *recv_response(int fd);
/* Send and read the answer, which must carry the request's id. */
Rsm__Response *roundtrip(int fd, const Rsm__Request *req);
/* True when the service closes the connection (EOF) within the time-out. */
int closed_by_service(int fd);
/* open_session with `version`; the answer. */
Rsm__Response *open_session_v(int fd, uint32_t version);
/* A connection with a session open. */
int open_session(void);

#endif
