/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * unit.h - the project's tiny C unit-test harness, shared by every component.
 *
 * Why our own: the closing line must be exactly "N passed, N failed, N skipped"
 * (the form CI and the top-level Makefile read), tests must be able to skip with
 * a reason, and a failing check must say file:line and the expression.  That is
 * fifty lines, not a dependency.
 *
 * Use:
 *	#include "unit.h"
 *	static void test_parse_port(struct unit *u)
 *	{
 *		UNIT_CHECK(u, parse("1,2,3,4,0,21") == 0);
 *		UNIT_CHECK_EQ_INT(u, port, 21);
 *	}
 *	static const struct unit_case cases[] = {
 *		UNIT_CASE(test_parse_port),
 *	};
 *	UNIT_MAIN(cases)
 *
 * A case may call UNIT_SKIP(u, "why") and return.  The program exits 0 only
 * if nothing failed.  Arguments on the command line select cases by name.
 */
#ifndef NFTH_UNIT_H
#define NFTH_UNIT_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct unit {
	const char *name;
	int failed;		/* checks that failed in this case */
	const char *skip;	/* reason, when the case skipped itself */
};

struct unit_case {
	const char *name;
	void (*fn)(struct unit *u);
};

#define UNIT_CASE(fn) { #fn, fn }

static inline void unit_fail(struct unit *u, const char *file, int line,
			     const char *what)
{
	u->failed++;
	fprintf(stderr, "  %s:%d: %s: check failed: %s\n", file, line,
		u->name, what);
}

#define UNIT_CHECK(u, cond)						\
	do {								\
		if (!(cond))						\
			unit_fail((u), __FILE__, __LINE__, #cond);	\
	} while (0)

#define UNIT_CHECK_EQ_INT(u, got, want)					\
	do {								\
		long long unit_g_ = (long long)(got);			\
		long long unit_w_ = (long long)(want);			\
		if (unit_g_ != unit_w_) {				\
			char unit_b_[256];				\
			snprintf(unit_b_, sizeof(unit_b_),		\
				 "%s == %s (got %lld, want %lld)",	\
				 #got, #want, unit_g_, unit_w_);	\
			unit_fail((u), __FILE__, __LINE__, unit_b_);	\
		}							\
	} while (0)

#define UNIT_CHECK_EQ_STR(u, got, want)					\
	do {								\
		const char *unit_g_ = (got), *unit_w_ = (want);		\
		if (!unit_g_ || !unit_w_ || strcmp(unit_g_, unit_w_)) {	\
			char unit_b_[512];				\
			snprintf(unit_b_, sizeof(unit_b_),		\
				 "%s == %s (got \"%s\", want \"%s\")",	\
				 #got, #want,				\
				 unit_g_ ? unit_g_ : "(null)",		\
				 unit_w_ ? unit_w_ : "(null)");		\
			unit_fail((u), __FILE__, __LINE__, unit_b_);	\
		}							\
	} while (0)

#define UNIT_CHECK_EQ_MEM(u, got, want, len)				\
	do {								\
		if (memcmp((got), (want), (len)))			\
			unit_fail((u), __FILE__, __LINE__,		\
				  "memcmp(" #got ", " #want ") == 0");	\
	} while (0)

#define UNIT_SKIP(u, why) ((u)->skip = (why))

static inline int unit_selected(int argc, char **argv, const char *name)
{
	int i;

	if (argc < 2)
		return 1;
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], name))
			return 1;
	return 0;
}

static inline int unit_run(const struct unit_case *cases, size_t n,
			   int argc, char **argv)
{
	unsigned int passed = 0, failed = 0, skipped = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		struct unit u = { .name = cases[i].name };

		if (!unit_selected(argc, argv, cases[i].name))
			continue;
		cases[i].fn(&u);
		if (u.failed) {
			failed++;
			printf("FAIL %s\n", u.name);
		} else if (u.skip) {
			skipped++;
			printf("SKIP %s: %s\n", u.name, u.skip);
		} else {
			passed++;
			printf("PASS %s\n", u.name);
		}
		fflush(stdout);
	}
	printf("%u passed, %u failed, %u skipped\n", passed, failed, skipped);
	fflush(stdout);
	return failed ? 1 : 0;
}

#define UNIT_MAIN(cases)						\
	int main(int argc, char **argv)					\
	{								\
		return unit_run((cases), sizeof(cases) / sizeof((cases)[0]), \
				argc, argv);				\
	}

#endif /* NFTH_UNIT_H */
