// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * erec.c - error records, printed as stock nft 1.0.6 prints them:
 *
 *	file:line:first-last: Error: message
 *	<the source line>
 *	<blanks, tabs kept>^^^^ (primary) ~~~~ (secondary locations)
 *
 * Commands given on the command line have no "file:line:cols: " prefix.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "erec.h"
#include "utils.h"

static const struct input_descriptor internal_indesc = {
	.type = INDESC_INTERNAL,
	.name = "internal",
};

const struct location internal_location = {
	.indesc = &internal_indesc,
};

struct error_record *erec_vcreate(enum error_record_types type,
				  const struct location *loc,
				  const char *fmt, va_list ap)
{
	struct error_record *erec = xzalloc(sizeof(*erec));

	init_list_head(&erec->list);
	erec->type = type;
	erec->msg = xvasprintf(fmt, ap);
	erec_add_location(erec, loc);
	return erec;
}

struct error_record *erec_create(enum error_record_types type,
				 const struct location *loc,
				 const char *fmt, ...)
{
	struct error_record *erec;
	va_list ap;

	va_start(ap, fmt);
	erec = erec_vcreate(type, loc, fmt, ap);
	va_end(ap);
	return erec;
}

void erec_add_location(struct error_record *erec, const struct location *loc)
{
	if (erec->num_locations >= EREC_LOCATIONS_MAX)
		return;
	erec->locations[erec->num_locations++] = loc ? *loc : internal_location;
}

void erec_destroy(struct error_record *erec)
{
	free(erec->msg);
	free(erec);
}

int erec_queue_error(struct list_head *queue, const struct location *loc,
		     const char *fmt, ...)
{
	struct error_record *erec;
	va_list ap;

	va_start(ap, fmt);
	erec = erec_vcreate(EREC_ERROR, loc, fmt, ap);
	va_end(ap);
	list_add_tail(&erec->list, queue);
	return -1;
}

static const char *erec_type_name(enum error_record_types type)
{
	return type == EREC_WARNING ? "Warning" : "Error";
}

static int indesc_has_text(const struct input_descriptor *indesc)
{
	return indesc && indesc->data &&
	       (indesc->type == INDESC_BUFFER || indesc->type == INDESC_CMDLINE ||
		indesc->type == INDESC_FILE || indesc->type == INDESC_STDIN);
}

/* Length of the line starting at @off, without its newline. */
static size_t line_length(const struct input_descriptor *indesc, size_t off)
{
	const char *nl;

	if (off >= indesc->len)
		return 0;
	nl = memchr(indesc->data + off, '\n', indesc->len - off);
	return nl ? (size_t)(nl - (indesc->data + off)) : indesc->len - off;
}

static void mark_range(char *buf, size_t buflen, unsigned int first,
		       unsigned int last, char c)
{
	unsigned int i;

	if (first == 0)
		first = 1;
	for (i = first; i <= last && i <= buflen; i++)
		buf[i - 1] = c;
}

void erec_print(FILE *f, const struct error_record *erec)
{
	const struct location *loc = &erec->locations[0];
	const struct input_descriptor *indesc = loc->indesc;
	const char *line;
	size_t len, buflen, i;
	unsigned int l, last;
	char *buf;

	if (indesc && indesc->type != INDESC_CMDLINE &&
	    indesc->type != INDESC_INVALID)
		fprintf(f, "%s:%u:%u-%u: ", indesc->name, loc->first_line,
			loc->first_column, loc->last_column);
	fprintf(f, "%s: %s\n", erec_type_name(erec->type), erec->msg);

	/* stock nft shows an empty source line and marker for these */
	if (indesc && indesc->type == INDESC_INTERNAL) {
		fputs("\n\n", f);
		return;
	}
	if (!indesc_has_text(indesc))
		return;

	line = indesc->data + loc->line_offset;
	len = line_length(indesc, loc->line_offset);
	fprintf(f, "%.*s\n", (int)len, line);

	/* Marker line: as long as the furthest marked column on this line. */
	buflen = 0;
	for (l = 0; l < erec->num_locations; l++) {
		const struct location *x = &erec->locations[l];

		if (x->indesc != indesc || x->line_offset != loc->line_offset)
			continue;
		last = x->last_line > x->first_line ? (unsigned int)len :
						       x->last_column;
		if (last > buflen)
			buflen = last;
	}
	if (buflen < loc->first_column)
		buflen = loc->first_column;
	buf = xmalloc(buflen + 1);
	for (i = 0; i < buflen; i++)
		buf[i] = (i < len && line[i] == '\t') ? '\t' : ' ';
	buf[buflen] = '\0';
	/* Secondary locations first, so that the primary one wins overlaps. */
	for (l = erec->num_locations; l-- > 0;) {
		const struct location *x = &erec->locations[l];

		if (x->indesc != indesc || x->line_offset != loc->line_offset)
			continue;
		last = x->last_line > x->first_line ? (unsigned int)len :
						       x->last_column;
		if (last < x->first_column)
			last = x->first_column;
		mark_range(buf, buflen, x->first_column, last, l ? '~' : '^');
	}
	fprintf(f, "%s\n", buf);
	free(buf);
}

void erec_print_list(FILE *f, struct list_head *list)
{
	struct error_record *erec, *next;

	list_for_each_entry_safe(erec, next, list, list) {
		list_del(&erec->list);
		erec_print(f, erec);
		erec_destroy(erec);
	}
}

void erec_free_list(struct list_head *list)
{
	struct error_record *erec, *next;

	list_for_each_entry_safe(erec, next, list, list) {
		list_del(&erec->list);
		erec_destroy(erec);
	}
}
