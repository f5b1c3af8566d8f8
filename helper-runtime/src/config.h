/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * config.h - compatible mode's configuration: the "ct helper" declarations
 * of an nft file (parsed by nft-patch's parser library, the project's one
 * grammar), turned into kernel registrations and queue bindings.
 */
#ifndef NFTH_CONFIG_H
#define NFTH_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

#include "cthelper.h"
#include "queue.h"

#define NFTH_REGISTRATIONS_MAX	32
#define NFTH_QUEUES_MAX		16

struct nfth_config {
	unsigned int registration_count;
	struct nfth_registration registrations[NFTH_REGISTRATIONS_MAX];
	bool registered[NFTH_REGISTRATIONS_MAX];
	unsigned int queue_count;
	struct nfth_queue queues[NFTH_QUEUES_MAX];
	unsigned int skipped;		/* kernel helpers in the file, ignored */
	unsigned int with_bypass;	/* declarations asking to fail open */
	int errors;
};

/*
 * Read @path; on success @cfg holds what to register and which queues to
 * serve.  Errors go to @errfp (file errors as nft prints them, with carets;
 * ours name the object).  Returns 0 or -1.
 */
int nfth_config_load(struct nfth_config *cfg, const char *path, FILE *errfp);

#endif
