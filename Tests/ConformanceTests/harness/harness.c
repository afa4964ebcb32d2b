/*
 * Conformance harness: an independent protobuf implementation (protobuf-c) that
 * the Swift tests drive over stdin/stdout.
 *
 * Generic over protobuf-c's runtime descriptors: it knows no message type. The
 * test compiles it together with protoc-c's output for the .proto files and a
 * registry.c that lists every message descriptor:
 *
 *     const ProtobufCMessageDescriptor *const hadir_registry[] = { &..., NULL };
 *
 * Input, repeated until end of file:
 *     u8 command ('d' = dump, 'r' = repack), u32le name length, full message
 *     name ("hadir.test.Scalars"), u32le data length, data
 * Output, one record per input record:
 *     u8 status (0 = ok, 1 = error), u32le payload length, payload
 *
 * dump:   unpacks with protobuf_c_message_unpack and prints one line per field:
 *             path = value
 *         Paths are dotted for nested messages and indexed for repeated fields
 *         ("inners[1].label"). Every singular field is printed, defaults included;
 *         a message field prints "present" or "absent"; a oneof prints only its
 *         active member; a repeated field prints "[count]" then its elements; a
 *         map is the repeated field of its entries (key, value). Integers and
 *         enums in decimal; bools true/false; doubles "%.17g (0x%016llx)", floats
 *         "%.9g (0x%08x)"; strings quoted with bytes outside 0x20-0x7e, '"' and
 *         '\\' as \xHH; bytes as lowercase hex. Unknown fields, after the known
 *         ones: "path.?unknown[i] = tag:wiretype:hex of the value bytes".
 * repack: unpacks and packs again with protobuf_c_message_pack.
 */
#include <protobuf-c/protobuf-c.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const ProtobufCMessageDescriptor *const hadir_registry[];

typedef struct {
    char *data;
    size_t len, cap;
} Buf;

static void buf_put(Buf *b, const void *p, size_t n) {
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + n) cap *= 2;
        b->data = realloc(b->data, cap);
        if (!b->data) { perror("realloc"); exit(2); }
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void buf_printf(Buf *b, const char *fmt, ...) {
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) exit(3);
    if ((size_t)n < sizeof small) { buf_put(b, small, (size_t)n); return; }
    char *big = malloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf_put(b, big, (size_t)n);
    free(big);
}

static void put_hex(Buf *b, const uint8_t *p, size_t n) {
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        char pair[2] = { digits[p[i] >> 4], digits[p[i] & 15] };
        buf_put(b, pair, 2);
    }
}

static void put_quoted(Buf *b, const char *s) {
    buf_put(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x20 && *p <= 0x7e && *p != '"' && *p != '\\') buf_put(b, p, 1);
        else buf_printf(b, "\\x%02x", *p);
    }
    buf_put(b, "\"", 1);
}

static size_t element_size(ProtobufCType type) {
    switch (type) {
    case PROTOBUF_C_TYPE_INT32: case PROTOBUF_C_TYPE_SINT32: case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_UINT32: case PROTOBUF_C_TYPE_FIXED32: case PROTOBUF_C_TYPE_ENUM:
        return 4;
    case PROTOBUF_C_TYPE_FLOAT: return sizeof(float);
    case PROTOBUF_C_TYPE_BOOL: return sizeof(protobuf_c_boolean);
    case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
    case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64:
        return 8;
    case PROTOBUF_C_TYPE_DOUBLE: return sizeof(double);
    case PROTOBUF_C_TYPE_STRING: return sizeof(char *);
    case PROTOBUF_C_TYPE_BYTES: return sizeof(ProtobufCBinaryData);
    case PROTOBUF_C_TYPE_MESSAGE: return sizeof(ProtobufCMessage *);
    }
    return 0;
}

static void dump_message(Buf *out, const char *prefix, const ProtobufCMessage *m);

static void dump_value(Buf *out, const char *path, const ProtobufCFieldDescriptor *f, const void *p) {
    if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
        const ProtobufCMessage *sub = *(ProtobufCMessage *const *)p;
        buf_printf(out, "%s = %s\n", path, sub ? "present" : "absent");
        if (sub) {
            size_t n = strlen(path);
            char *prefix = malloc(n + 2);
            memcpy(prefix, path, n);
            prefix[n] = '.';
            prefix[n + 1] = 0;
            dump_message(out, prefix, sub);
            free(prefix);
        }
        return;
    }
    buf_printf(out, "%s = ", path);
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32: case PROTOBUF_C_TYPE_SINT32: case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_ENUM:
        buf_printf(out, "%" PRId32, *(const int32_t *)p);
        break;
    case PROTOBUF_C_TYPE_UINT32: case PROTOBUF_C_TYPE_FIXED32:
        buf_printf(out, "%" PRIu32, *(const uint32_t *)p);
        break;
    case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
        buf_printf(out, "%" PRId64, *(const int64_t *)p);
        break;
    case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64:
        buf_printf(out, "%" PRIu64, *(const uint64_t *)p);
        break;
    case PROTOBUF_C_TYPE_BOOL:
        buf_printf(out, "%s", *(const protobuf_c_boolean *)p ? "true" : "false");
        break;
    case PROTOBUF_C_TYPE_FLOAT: {
        float v = *(const float *)p;
        uint32_t bits;
        memcpy(&bits, &v, 4);
        buf_printf(out, "%.9g (0x%08" PRIx32 ")", (double)v, bits);
        break;
    }
    case PROTOBUF_C_TYPE_DOUBLE: {
        double v = *(const double *)p;
        uint64_t bits;
        memcpy(&bits, &v, 8);
        buf_printf(out, "%.17g (0x%016" PRIx64 ")", v, bits);
        break;
    }
    case PROTOBUF_C_TYPE_STRING: {
        const char *s = *(char *const *)p;
        put_quoted(out, s ? s : "");
        break;
    }
    case PROTOBUF_C_TYPE_BYTES: {
        const ProtobufCBinaryData *d = p;
        buf_put(out, "x", 1);
        put_hex(out, d->data, d->len);
        break;
    }
    case PROTOBUF_C_TYPE_MESSAGE:
        break;
    }
    buf_put(out, "\n", 1);
}

static void dump_message(Buf *out, const char *prefix, const ProtobufCMessage *m) {
    const ProtobufCMessageDescriptor *d = m->descriptor;
    char path[4096];
    /* Fields in number order, whatever order the descriptor keeps them in. */
    unsigned order[d->n_fields ? d->n_fields : 1];
    for (unsigned i = 0; i < d->n_fields; i++) order[i] = i;
    for (unsigned i = 1; i < d->n_fields; i++)
        for (unsigned j = i; j > 0 && d->fields[order[j - 1]].id > d->fields[order[j]].id; j--) {
            unsigned t = order[j]; order[j] = order[j - 1]; order[j - 1] = t;
        }
    for (unsigned k = 0; k < d->n_fields; k++) {
        const ProtobufCFieldDescriptor *f = &d->fields[order[k]];
        const char *member = (const char *)m + f->offset;
        snprintf(path, sizeof path, "%s%s", prefix, f->name);
        if (f->label == PROTOBUF_C_LABEL_REPEATED) {
            size_t n = *(const size_t *)((const char *)m + f->quantifier_offset);
            const char *items = *(char *const *)member;
            buf_printf(out, "%s = [%zu]\n", path, n);
            for (size_t j = 0; j < n; j++) {
                char item[4200];
                snprintf(item, sizeof item, "%s[%zu]", path, j);
                dump_value(out, item, f, items + j * element_size(f->type));
            }
        } else if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
            uint32_t which = *(const uint32_t *)((const char *)m + f->quantifier_offset);
            if (which == f->id) dump_value(out, path, f, member);
        } else if (f->label == PROTOBUF_C_LABEL_OPTIONAL && f->quantifier_offset
                   && f->type != PROTOBUF_C_TYPE_MESSAGE && f->type != PROTOBUF_C_TYPE_STRING) {
            /* proto2-style explicit presence (not used by the test protos). */
            if (*(const protobuf_c_boolean *)((const char *)m + f->quantifier_offset))
                dump_value(out, path, f, member);
            else
                buf_printf(out, "%s = unset\n", path);
        } else {
            dump_value(out, path, f, member);
        }
    }
    for (unsigned i = 0; i < m->n_unknown_fields; i++) {
        const ProtobufCMessageUnknownField *u = &m->unknown_fields[i];
        buf_printf(out, "%s?unknown[%u] = %" PRIu32 ":%d:", prefix, i, u->tag, (int)u->wire_type);
        put_hex(out, u->data, u->len);
        buf_put(out, "\n", 1);
    }
}

static const ProtobufCMessageDescriptor *lookup(const char *name) {
    for (const ProtobufCMessageDescriptor *const *d = hadir_registry; *d; d++)
        if (strcmp((*d)->name, name) == 0) return *d;
    return NULL;
}

static int read_exact(void *p, size_t n) {
    return fread(p, 1, n, stdin) == n;
}

static uint32_t read_u32(int *ok) {
    uint8_t b[4];
    if (!read_exact(b, 4)) { *ok = 0; return 0; }
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void reply(uint8_t status, const void *p, size_t n) {
    uint8_t head[5] = { status, (uint8_t)n, (uint8_t)(n >> 8), (uint8_t)(n >> 16), (uint8_t)(n >> 24) };
    fwrite(head, 1, 5, stdout);
    if (n) fwrite(p, 1, n, stdout);
}

int main(void) {
    for (;;) {
        int command = fgetc(stdin);
        if (command == EOF) break;
        int ok = 1;
        uint32_t name_len = read_u32(&ok);
        if (!ok) return 4;
        char *name = malloc(name_len + 1);
        if (!read_exact(name, name_len)) return 4;
        name[name_len] = 0;
        uint32_t data_len = read_u32(&ok);
        if (!ok) return 4;
        uint8_t *data = malloc(data_len ? data_len : 1);
        if (data_len && !read_exact(data, data_len)) return 4;

        const ProtobufCMessageDescriptor *desc = lookup(name);
        if (!desc) {
            const char *e = "error: unknown message type";
            reply(1, e, strlen(e));
        } else {
            ProtobufCMessage *m = protobuf_c_message_unpack(desc, NULL, data_len, data);
            if (!m) {
                const char *e = "error: unpack failed";
                reply(1, e, strlen(e));
            } else if (command == 'd') {
                Buf out = {0};
                dump_message(&out, "", m);
                reply(0, out.data, out.len);
                free(out.data);
            } else if (command == 'r') {
                size_t size = protobuf_c_message_get_packed_size(m);
                uint8_t *packed = malloc(size ? size : 1);
                size_t written = protobuf_c_message_pack(m, packed);
                if (written != size) {
                    const char *e = "error: packed size mismatch";
                    reply(1, e, strlen(e));
                } else {
                    reply(0, packed, written);
                }
                free(packed);
            } else {
                const char *e = "error: unknown command";
                reply(1, e, strlen(e));
            }
            if (m) protobuf_c_message_free_unpacked(m, NULL);
        }
        free(name);
        free(data);
    }
    fflush(stdout);
    return 0;
}
