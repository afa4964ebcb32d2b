/* Framing (varint length + payload), the Call/Reply envelope and Hello, on blocking sockets. */
#include "hadir_c.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static const char *const status_names[] = {
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
    "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
    "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
};

const char *hadir_status_name(int status) {
    if (status == HADIR_TRANSPORT_ERROR) return "TRANSPORT";
    if (status >= 0 && status <= 16) return status_names[status];
    return "UNKNOWN_CODE";
}

int hadir_connect(HadirConn *conn, const char *host, const char *port, int timeout_seconds) {
    memset(conn, 0, sizeof *conn);
    conn->fd = -1;
    conn->next_id = 1;
    conn->max_frame_bytes = 16u * 1024 * 1024;
    conn->timeout_seconds = timeout_seconds;
    struct addrinfo hints = {0}, *found = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(host, port, &hints, &found);
    if (rc != 0) {
        snprintf(conn->detail, sizeof conn->detail, "%s:%s: %s", host, port, gai_strerror(rc));
        return -1;
    }
    for (struct addrinfo *a = found; a != NULL; a = a->ai_next) {
        int fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd < 0) continue;
        struct timeval tv = {.tv_sec = timeout_seconds, .tv_usec = 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
            conn->fd = fd;
            break;
        }
        snprintf(conn->detail, sizeof conn->detail, "connect %s:%s: %s", host, port, strerror(errno));
        close(fd);
    }
    freeaddrinfo(found);
    return conn->fd >= 0 ? 0 : -1;
}

void hadir_close(HadirConn *conn) {
    if (conn->fd >= 0) close(conn->fd);
    conn->fd = -1;
}

static int write_all(HadirConn *conn, const uint8_t *data, size_t size) {
    while (size > 0) {
        ssize_t n = send(conn->fd, data, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        data += n;
        size -= (size_t)n;
    }
    return 0;
}

/* 0 on success, -1 on a broken connection, -2 on a timeout. */
static int read_all(HadirConn *conn, uint8_t *data, size_t size) {
    while (size > 0) {
        ssize_t n = recv(conn->fd, data, size, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return -2;
        if (n <= 0) return -1;
        data += n;
        size -= (size_t)n;
    }
    return 0;
}

/* Reads one frame into a malloc'd buffer. Same returns as read_all, -3 on a bad length. */
static int read_frame(HadirConn *conn, uint8_t **payload, size_t *size) {
    uint64_t length = 0;
    for (int i = 0;; i++) {
        if (i == 5) return -3;
        uint8_t byte;
        int rc = read_all(conn, &byte, 1);
        if (rc != 0) return rc;
        length |= (uint64_t)(byte & 0x7f) << (7 * i);
        if (!(byte & 0x80)) break;
    }
    if (length > conn->max_frame_bytes) return -3;
    *payload = malloc(length ? length : 1);
    if (*payload == NULL) return -1;
    int rc = read_all(conn, *payload, length);
    if (rc != 0) {
        free(*payload);
        *payload = NULL;
        return rc;
    }
    *size = length;
    return 0;
}

static int fail(HadirConn *conn, int status, const char *what) {
    snprintf(conn->detail, sizeof conn->detail, "%s", what);
    return status;
}

int hadir_call(HadirConn *conn, Hadir__V1__Method method, const ProtobufCMessage *request,
               const ProtobufCMessageDescriptor *response_desc, ProtobufCMessage **response) {
    *response = NULL;
    conn->detail[0] = 0;
    Hadir__V1__Call call = HADIR__V1__CALL__INIT;
    call.id = conn->next_id++;
    if (conn->next_id == 0) conn->next_id = 1;
    call.method = method;
    uint8_t *body = NULL;
    if (request != NULL) {
        size_t body_size = protobuf_c_message_get_packed_size(request);
        body = malloc(body_size ? body_size : 1);
        if (body == NULL) return fail(conn, HADIR_TRANSPORT_ERROR, "out of memory");
        protobuf_c_message_pack(request, body);
        call.body.data = body;
        call.body.len = body_size;
    }
    size_t call_size = hadir__v1__call__get_packed_size(&call);
    uint8_t *out = malloc(call_size + 5);
    if (out == NULL) {
        free(body);
        return fail(conn, HADIR_TRANSPORT_ERROR, "out of memory");
    }
    size_t prefix = 0;
    for (size_t v = call_size;; v >>= 7) {
        out[prefix++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        if (v <= 0x7f) break;
    }
    hadir__v1__call__pack(&call, out + prefix);
    int rc = write_all(conn, out, prefix + call_size);
    free(out);
    free(body);
    if (rc != 0) return fail(conn, HADIR_TRANSPORT_ERROR, "send failed: connection broken");

    /* One call at a time on this connection: the next frame answers it. */
    for (;;) {
        uint8_t *payload = NULL;
        size_t size = 0;
        rc = read_frame(conn, &payload, &size);
        if (rc == -2)
            return fail(conn, HADIR__V1__STATUS_CODE__STATUS_CODE_DEADLINE_EXCEEDED, "no reply in time");
        if (rc == -3) return fail(conn, HADIR_TRANSPORT_ERROR, "bad frame length from the server");
        if (rc != 0) return fail(conn, HADIR_TRANSPORT_ERROR, "connection closed by the server");
        Hadir__V1__Reply *reply = hadir__v1__reply__unpack(NULL, size, payload);
        free(payload);
        if (reply == NULL) return fail(conn, HADIR_TRANSPORT_ERROR, "reply is not a hadir.v1.Reply");
        if (reply->id != call.id) { /* a late reply to an earlier call: skip it */
            hadir__v1__reply__free_unpacked(reply, NULL);
            continue;
        }
        int status = (int)reply->status;
        if (status != 0) {
            snprintf(conn->detail, sizeof conn->detail, "%s", reply->detail ? reply->detail : "");
        } else {
            *response = protobuf_c_message_unpack(response_desc, NULL, reply->body.len, reply->body.data);
            if (*response == NULL) status = fail(conn, HADIR_TRANSPORT_ERROR, "reply body does not parse");
        }
        hadir__v1__reply__free_unpacked(reply, NULL);
        return status;
    }
}

int hadir_hello(HadirConn *conn, const char *token, Hadir__V1__HelloReply **reply) {
    Hadir__V1__HelloRequest hello = HADIR__V1__HELLO_REQUEST__INIT;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    hello.device_token = (char *)token;
    hello.device_time_ms = (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
    hello.client_name = "hadir-c/0.1";
    ProtobufCMessage *response = NULL;
    int status = hadir_call(conn, HADIR__V1__METHOD__METHOD_SESSION_HELLO, &hello.base,
                            &hadir__v1__hello_reply__descriptor, &response);
    *reply = (Hadir__V1__HelloReply *)response;
    return status;
}
