/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nfthcore.h - the queue core of nft-helperd as a library for the
 * project's test tools (build/libnfthcore.a, the same objects the daemon
 * links): bind queues with conntrack, receive in batches, parse a queued
 * packet and its conntrack, build verdicts (private data, expectations),
 * point a registered user-space helper at a queue.  Internal: no stable
 * API, no installed header.
 *
 *   cc -Ihelper-runtime/include -Ihelper-runtime/src ... \
 *      helper-runtime/build/libnfthcore.a \
 *      -lmnl -lnetfilter_queue -lnetfilter_cthelper
 */
#ifndef NFTH_CORE_H
#define NFTH_CORE_H

#include "cthelper.h"
#include "nfq.h"
#include "packet.h"

#endif
