/*
 * test_transport_iscsi.c - what the iSCSI transport does without a target:
 * a malformed URL is refused before any I/O, and a portal nobody listens
 * on fails at once with ERROR_DEVICE_NOT_AVAILABLE (never a hang). Talking
 * to a real target is the tgtd test bed's job (tests/tgt/smc_probe.c).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "changer/transport.h"

static void test_bad_urls(void **state)
{
    (void)state;
    transport_t *t = NULL;
    char why[512];
    assert_int_equal(transport_open("iscsi://127.0.0.1:3260/", &t, why, sizeof(why)), ERROR_INVALID_PARAMETER);
    assert_null(t);
    assert_non_null(strstr(why, "not an iSCSI URL"));
    assert_null(strchr(why, '\n')); /* one line for the log */
    assert_int_equal(transport_open("iscsi://", &t, why, sizeof(why)), ERROR_INVALID_PARAMETER);
}

/* A port that was just free: connecting is refused at once. */
static int free_port(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(a);
    assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(getsockname(s, (struct sockaddr *)&a, &len), 0);
    close(s);
    return ntohs(a.sin_port);
}

static void test_nobody_listening(void **state)
{
    (void)state;
    char url[128], why[512];
    snprintf(url, sizeof(url), "iscsi://127.0.0.1:%d/iqn.2024-01.test:none/1", free_port());
    transport_t *t = NULL;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    assert_int_equal(transport_open(url, &t, why, sizeof(why)), ERROR_DEVICE_NOT_AVAILABLE);
    clock_gettime(CLOCK_MONOTONIC, &b);
    assert_null(t);
    /* the socket's own error, not libiscsi's talk of reconnecting */
    assert_non_null(strstr(why, "cannot connect to 127.0.0.1"));
    assert_non_null(strstr(why, "Connection refused"));
    assert_true(b.tv_sec - a.tv_sec < 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_urls),
        cmocka_unit_test(test_nobody_listening),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
