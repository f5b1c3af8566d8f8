/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * erec.h - source locations and error records.
 *
 * Every AST node carries a location; problems are collected as records that
 * point at one primary location (printed with ^^^) and optional secondary
 * ones (~~~), then printed the way stock nft does.
 */
#ifndef NFTP_EREC_H
#define NFTP_EREC_H

#include <stdarg.h>
#include <stdio.h>

#include "list.h"

enum input_descriptor_types {
	INDESC_INVALID,
	INDESC_INTERNAL,	/* no source text (e.g. kernel-provided) */
	INDESC_BUFFER,		/* a string handed to the library */
	INDESC_CMDLINE,		/* commands on nft's command line */
	INDESC_FILE,		/* -f FILE or an include */
	INDESC_STDIN,		/* -f - */
};

/* One piece of source text; lives as long as the parse context. */
struct input_descriptor {
	struct list_head list;
	enum input_descriptor_types type;
	char *name;
	char *data;		/* whole text, NUL terminated */
	size_t len;
	/* scanner position */
	unsigned int lineno;
	unsigned int column;
	size_t offset;
	size_t line_offset;
};

struct location {
	const struct input_descriptor *indesc;
	unsigned int first_line;
	unsigned int last_line;
	unsigned int first_column;
	unsigned int last_column;
	size_t line_offset;	/* byte offset of first_line in indesc->data */
};

extern const struct location internal_location;

enum error_record_types {
	EREC_ERROR,
	EREC_WARNING,
};

#define EREC_LOCATIONS_MAX 3

struct error_record {
	struct list_head list;
	enum error_record_types type;
	unsigned int num_locations;
	struct location locations[EREC_LOCATIONS_MAX];
	char *msg;
};

struct error_record *erec_vcreate(enum error_record_types type,
				  const struct location *loc,
				  const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
struct error_record *erec_create(enum error_record_types type,
				 const struct location *loc,
				 const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void erec_add_location(struct error_record *erec, const struct location *loc);
void erec_destroy(struct error_record *erec);
void erec_print(FILE *f, const struct error_record *erec);
/* Print and free every record of @list. */
void erec_print_list(FILE *f, struct list_head *list);
void erec_free_list(struct list_head *list);

#define error(loc, ...) \
	erec_create(EREC_ERROR, (loc), __VA_ARGS__)

/* Queue an error on @queue and return -1, the shape evaluation code wants. */
int erec_queue_error(struct list_head *queue, const struct location *loc,
		     const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif /* NFTP_EREC_H */
