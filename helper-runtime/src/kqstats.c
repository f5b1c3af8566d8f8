// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kqstats.c - see kqstats.h.  One line per bound queue:
 *   queue_number portid queue_total copy_mode copy_range queue_dropped
 *   queue_user_dropped id_sequence 1
 */
#include <errno.h>
#include <stdio.h>

#include "kqstats.h"

int nfth_kqstats_read(const char *path, uint16_t num, struct nfth_kqstats *st)
{
	unsigned int qnum, portid, total, mode, range;
	unsigned long long dropped, udropped, seq;
	char line[256];
	FILE *fp;
	int ret = -ENOENT;

	fp = fopen(path, "re");
	if (!fp)
		return -errno;
	while (fgets(line, sizeof(line), fp)) {
		if (sscanf(line, "%u %u %u %u %u %llu %llu %llu", &qnum, &portid,
			   &total, &mode, &range, &dropped, &udropped, &seq) != 8)
			continue;
		if (qnum != num)
			continue;
		st->portid = portid;
		st->waiting = total;
		st->queue_dropped = dropped;
		st->user_dropped = udropped;
		ret = 0;
		break;
	}
	fclose(fp);
	return ret;
}
