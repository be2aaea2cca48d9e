/*
 * json.h - a small streaming JSON writer for the --json output.
 *
 * Calls nest like the document: json_begin_object, json_key + a value,
 * json_end_object. The writer puts the commas, indents by two spaces (or
 * writes one line when `compact`), and escapes strings; bytes that are not
 * valid UTF-8 become U+FFFD, so the output always parses.
 */
#ifndef RSM_CLI_JSON_H
#define RSM_CLI_JSON_H

#include <stdbool.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

typedef struct json {
    FILE *out;
    bool compact;
    int depth;
    bool first[JSON_MAX_DEPTH]; /* no member written yet at this depth */
    bool after_key;
} json_t;

void json_init(json_t *j, FILE *out, bool compact);
void json_begin_object(json_t *j);
void json_end_object(json_t *j);
void json_begin_array(json_t *j);
void json_end_array(json_t *j);
void json_key(json_t *j, const char *key);
void json_string(json_t *j, const char *s);    /* NULL writes null */
void json_literal(json_t *j, const char *raw); /* a number, true, false, null */
void json_uint(json_t *j, unsigned long long v);
void json_int(json_t *j, long long v);
void json_bool(json_t *j, bool v);
/* End the document with a newline. */
void json_finish(json_t *j);

#endif
