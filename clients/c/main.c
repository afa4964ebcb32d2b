/* hadir-c: check in, check out and read the day, as a kiosk or a legacy system would.
 *
 *   hadir-c HOST PORT TOKEN checkin|checkout [--seq N] [--at MS] [--mode wfo|wfa|wfh|dl] [--place NAME]
 *   hadir-c HOST PORT TOKEN today
 *   hadir-c HOST PORT TOKEN day YYYY-MM-DD [--employee ID]
 *
 * Prints the replies as key=value lines (the same lines as `python3 -m hadir_client`).
 * A refused call prints `error code=N name=NAME detail="..."` on stderr; exit status 1
 * for a refused call, 2 for bad usage, 3 for a broken connection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hadir_c.h"

static void usage(void) {
    fprintf(stderr,
            "usage: hadir-c HOST PORT TOKEN checkin|checkout [--seq N] [--at MS]\n"
            "                 [--mode wfo|wfa|wfh|dl] [--place NAME]\n"
            "       hadir-c HOST PORT TOKEN today\n"
            "       hadir-c HOST PORT TOKEN day YYYY-MM-DD [--employee ID]\n");
    exit(2);
}

static void print_quoted(const char *text) {
    putchar('"');
    for (const char *c = text ? text : ""; *c; c++) {
        if (*c == '"' || *c == '\\') putchar('\\');
        putchar(*c);
    }
    putchar('"');
}

static const char *enum_name(const ProtobufCEnumDescriptor *desc, int value) {
    const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(desc, value);
    return v ? v->name : "?";
}

static void print_day(const Hadir__V1__Day *d) {
    printf("day date=%s employee_id=%llu status=%s", d->date, (unsigned long long)d->employee_id,
           enum_name(&hadir__v1__day_status__descriptor, d->status));
    printf(" worked_seconds=%lld break_seconds=%lld required_seconds=%lld holiday=",
           (long long)d->worked_seconds, (long long)d->break_seconds, (long long)d->required_seconds);
    print_quoted(d->holiday);
    printf(" sessions=%zu\n", d->n_sessions);
    for (size_t i = 0; i < d->n_sessions; i++) {
        const Hadir__V1__WorkSession *s = d->sessions[i];
        printf("session check_in_ms=%lld check_out_ms=%lld mode=%s place_name=", (long long)s->check_in_ms,
               (long long)s->check_out_ms, enum_name(&hadir__v1__work_mode__descriptor, s->mode));
        print_quoted(s->place_name);
        putchar('\n');
    }
}

static int refused(HadirConn *conn, int status) {
    fprintf(stderr, "error code=%d name=%s detail=", status, hadir_status_name(status));
    fputc('"', stderr);
    for (const char *c = conn->detail; *c; c++) {
        if (*c == '"' || *c == '\\') fputc('\\', stderr);
        fputc(*c, stderr);
    }
    fputs("\"\n", stderr);
    hadir_close(conn);
    return status == HADIR_TRANSPORT_ERROR ? 3 : 1;
}

static int read_day(HadirConn *conn, const char *date, unsigned long long employee) {
    Hadir__V1__GetDayRequest request = HADIR__V1__GET_DAY_REQUEST__INIT;
    request.date = (char *)date;
    request.employee_id = employee;
    ProtobufCMessage *response = NULL;
    int status = hadir_call(conn, HADIR__V1__METHOD__METHOD_ATTENDANCE_GET_DAY, &request.base,
                            &hadir__v1__day__descriptor, &response);
    if (status != 0) return status;
    print_day((Hadir__V1__Day *)response);
    protobuf_c_message_free_unpacked(response, NULL);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 5) usage();
    const char *host = argv[1], *port = argv[2], *token = argv[3], *command = argv[4];
    const char *date = "", *place = NULL;
    long long seq = -1, at = 0;
    unsigned long long employee = 0;
    int mode = -1;
    int i = 5;
    if (strcmp(command, "day") == 0) {
        if (argc < 6) usage();
        date = argv[i++];
    } else if (strcmp(command, "checkin") && strcmp(command, "checkout") && strcmp(command, "today")) {
        usage();
    }
    for (; i < argc; i++) {
        if (i + 1 >= argc) usage();
        const char *name = argv[i], *value = argv[++i];
        if (!strcmp(name, "--seq")) seq = atoll(value);
        else if (!strcmp(name, "--at")) at = atoll(value);
        else if (!strcmp(name, "--employee")) employee = strtoull(value, NULL, 10);
        else if (!strcmp(name, "--place")) place = value;
        else if (!strcmp(name, "--mode")) {
            if (!strcmp(value, "wfo")) mode = HADIR__V1__WORK_MODE__WORK_MODE_WFO;
            else if (!strcmp(value, "wfa")) mode = HADIR__V1__WORK_MODE__WORK_MODE_WFA;
            else if (!strcmp(value, "wfh")) mode = HADIR__V1__WORK_MODE__WORK_MODE_WFH;
            else if (!strcmp(value, "dl")) mode = HADIR__V1__WORK_MODE__WORK_MODE_DINAS_LUAR;
            else usage();
        } else usage();
    }

    HadirConn conn;
    if (hadir_connect(&conn, host, port, 10) != 0) {
        fprintf(stderr, "error code=14 name=UNAVAILABLE detail=\"%s\"\n", conn.detail);
        return 3;
    }
    Hadir__V1__HelloReply *hello = NULL;
    int status = hadir_hello(&conn, token, &hello);
    if (status != 0) return refused(&conn, status);
    printf("hello employee_id=%llu nip=%s name=", (unsigned long long)hello->employee_id, hello->nip);
    print_quoted(hello->name);
    printf(" unit_code=%s time_zone=%s last_event_seq=%u\n", hello->unit_code, hello->time_zone,
           hello->last_event_seq);
    uint32_t last_seq = hello->last_event_seq;
    hadir__v1__hello_reply__free_unpacked(hello, NULL);

    if (!strcmp(command, "checkin") || !strcmp(command, "checkout")) {
        int in = !strcmp(command, "checkin");
        Hadir__V1__Punch punch = HADIR__V1__PUNCH__INIT;
        Hadir__V1__Place where = HADIR__V1__PLACE__INIT;
        /* A new event takes the number after the last one the server stored; a retry
         * passes --seq with the number of the attempt it repeats. */
        punch.event_seq = seq >= 0 ? (uint32_t)seq : last_seq + 1;
        if (mode >= 0)
            punch.mode = mode;
        else
            punch.mode = in ? HADIR__V1__WORK_MODE__WORK_MODE_WFO : HADIR__V1__WORK_MODE__WORK_MODE_UNSPECIFIED;
        punch.captured_at_ms = at;
        if (place != NULL) {
            where.name = (char *)place;
            punch.place = &where;
        }
        ProtobufCMessage *response = NULL;
        Hadir__V1__Method method = in ? HADIR__V1__METHOD__METHOD_ATTENDANCE_CHECK_IN
                        : HADIR__V1__METHOD__METHOD_ATTENDANCE_CHECK_OUT;
        status = hadir_call(&conn, method, &punch.base, &hadir__v1__punch_reply__descriptor, &response);
        if (status != 0) return refused(&conn, status);
        Hadir__V1__PunchReply *reply = (Hadir__V1__PunchReply *)response;
        printf("punch event_id=%llu recorded_at_ms=%lld replayed=%s\n", (unsigned long long)reply->event_id,
               (long long)reply->recorded_at_ms, reply->replayed ? "true" : "false");
        protobuf_c_message_free_unpacked(response, NULL);
    }
    status = read_day(&conn, date, employee);
    if (status != 0) return refused(&conn, status);
    hadir_close(&conn);
    return 0;
}
