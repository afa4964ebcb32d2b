/* A minimal blocking client of the Hadir protocol (proto/README.md) on protobuf-c. */
#ifndef HADIR_C_H
#define HADIR_C_H

#include <stddef.h>
#include <stdint.h>

#include "hadir/v1/attendance.pb-c.h"
#include "hadir/v1/envelope.pb-c.h"
#include "hadir/v1/session.pb-c.h"

/* Outcome of a call: status is gRPC's code (0 OK), or one of these local failures. */
#define HADIR_TRANSPORT_ERROR (-1) /* the connection broke, or a reply could not be read */

typedef struct {
    int fd;
    uint32_t next_id;
    uint32_t max_frame_bytes;
    int timeout_seconds;
    char detail[512]; /* the server's detail, or the local error, of the last failed call */
} HadirConn;

/* Connects (blocking, with send/receive timeouts). Returns 0, or -1 with conn->detail set. */
int hadir_connect(HadirConn *conn, const char *host, const char *port, int timeout_seconds);
void hadir_close(HadirConn *conn);

/* Sends one call and waits for its reply. request may be NULL (all defaults).
 * On OK (return 0), *response is the unpacked reply of `response_desc` (free it with
 * protobuf_c_message_free_unpacked). Otherwise returns the gRPC status code, or
 * HADIR_TRANSPORT_ERROR, or 4 (DEADLINE_EXCEEDED) when no reply came in time; detail is set. */
int hadir_call(HadirConn *conn, Hadir__V1__Method method, const ProtobufCMessage *request,
               const ProtobufCMessageDescriptor *response_desc, ProtobufCMessage **response);

/* Hello with a device token. Returns as hadir_call; *reply is set on OK. */
int hadir_hello(HadirConn *conn, const char *token, Hadir__V1__HelloReply **reply);

/* gRPC's name of a status code ("FAILED_PRECONDITION"). */
const char *hadir_status_name(int status);

#endif
