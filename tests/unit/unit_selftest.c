// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * unit_selftest - the harness must count and report what its cases did.
 *
 * Runs a fixed set of sample cases (one passing, one failing, one skipping)
 * in a child whose output we capture, then checks that output and the
 * child's exit status.  Its own cases then go through the harness as usual.
 */
#define _POSIX_C_SOURCE 200809L
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

static void sample_pass(struct unit *u)
{
	UNIT_CHECK_EQ_INT(u, 2 + 2, 4);
	UNIT_CHECK_EQ_STR(u, "ftp", "ftp");
}

static void sample_fail(struct unit *u)
{
	UNIT_CHECK_EQ_INT(u, 1 + 1, 3);
}

static void sample_skip(struct unit *u)
{
	UNIT_SKIP(u, "no such capability");
}

static const struct unit_case samples[] = {
	UNIT_CASE(sample_pass),
	UNIT_CASE(sample_fail),
	UNIT_CASE(sample_skip),
};

/* Runs the samples in a child; returns its stdout+stderr and exit status. */
static int run_samples(char *out, size_t size, int *status)
{
	int fd[2];
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(fd) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		char *argv[] = { "samples", NULL };

		dup2(fd[1], 1);
		dup2(fd[1], 2);
		close(fd[0]);
		_exit(unit_run(samples, 3, 1, argv));
	}
	close(fd[1]);
	while (len + 1 < size && (n = read(fd[0], out + len, size - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(fd[0]);
	waitpid(pid, status, 0);
	return 0;
}

static void test_counts_and_exit_status(struct unit *u)
{
	char out[4096];
	int status = 0;

	UNIT_CHECK(u, run_samples(out, sizeof(out), &status) == 0);
	UNIT_CHECK(u, WIFEXITED(status) && WEXITSTATUS(status) == 1);
	UNIT_CHECK(u, strstr(out, "PASS sample_pass\n") != NULL);
	UNIT_CHECK(u, strstr(out, "FAIL sample_fail\n") != NULL);
	UNIT_CHECK(u, strstr(out, "SKIP sample_skip: no such capability\n") != NULL);
	UNIT_CHECK(u, strstr(out, "1 + 1 == 3 (got 2, want 3)") != NULL);
	UNIT_CHECK(u, strstr(out, "1 passed, 1 failed, 1 skipped\n") != NULL);
}

static void test_selection_by_name(struct unit *u)
{
	char *argv[] = { "samples", "sample_pass", NULL };
	int saved = dup(1);
	FILE *devnull = fopen("/dev/null", "w");
	int rc;

	fflush(stdout);
	dup2(fileno(devnull), 1);
	rc = unit_run(samples, 3, 2, argv);	/* only the passing one runs */
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	fclose(devnull);
	UNIT_CHECK_EQ_INT(u, rc, 0);
}

static const struct unit_case cases[] = {
	UNIT_CASE(test_counts_and_exit_status),
	UNIT_CASE(test_selection_by_name),
};

UNIT_MAIN(cases)
