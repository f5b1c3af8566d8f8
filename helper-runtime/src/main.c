// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * main.c - nft-helperd: command line, start-up order, signals, shutdown.
 *
 * Start-up order matters: queues are bound before the helpers are
 * registered (a registered helper without a listener lets traffic pass
 * unhelped), privileges are dropped before the queue threads start
 * (capabilities are per thread), and at exit helpers are unregistered
 * before the queues are unbound.
 */
#include <dlfcn.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>

#include "caps.h"
#include "config.h"
#include "cthelper.h"
#include "log.h"
#include "native.h"
#include "notify.h"
#include "queue.h"
#include "packet.h"
#include "registry.h"

#ifndef NFTH_VERSION
#define NFTH_VERSION "unknown"
#endif

struct options {
	const char *file;
	const char *user;
	const char *stats;
	unsigned long queue_maxlen;
	bool fail_open;
	bool keep;
	bool check_only;
};

static struct nfth_config cfg;	/* large: keep it off the stack */

static void usage(FILE *fp)
{
	unsigned int i;

	fprintf(fp,
"Usage: nft-helperd [OPTIONS]            native mode\n"
"       nft-helperd -f FILE [OPTIONS]    compatible mode\n"
"Service user-space conntrack helpers: follow application protocols on the\n"
"connections a ruleset hands to them and open their related connections.\n"
"\n"
"Native mode (the default; kernel with the project's kernel/ series):\n"
"  serve every nf_tables \"ct helper\" object of this network namespace that\n"
"  says \"userspace queue N[-M]\", following the ruleset as it changes (one\n"
"  thread per queue).  Objects of a type with no helper here, or whose\n"
"  private data is shorter than the helper needs, are logged, counted and\n"
"  not served (the kernel then applies their bypass flag).\n"
"\n"
"Compatible mode (any kernel with nfnetlink_cthelper):\n"
"  -f, --file FILE     read \"ct helper\" declarations (nft syntax) from FILE;\n"
"                      register every \"userspace queue N\" helper with the\n"
"                      kernel and service its queue\n"
"  -k, --keep          leave the registrations in place at exit\n"
"  -c, --check         read and check FILE, print what would be registered,\n"
"                      touch nothing\n"
"\n"
"General:\n"
"  -u, --user USER     run as USER after start-up (keeps CAP_NET_ADMIN only)\n"
"  -p, --plugin FILE   load a helper plug-in (shared object exporting\n"
"                      nft_helperd_plugin, see nft-helperd/helper.h)\n"
"  --queue-maxlen N    packets a queue holds waiting for a verdict (default\n"
"                      8192); the kernel drops what comes beyond (counted)\n"
"  --fail-open         ... or accepts it, unhelped, instead of dropping it\n"
"  -s, --stats FILE    on SIGUSR1 and at exit also write the counters to\n"
"                      FILE as JSON (replaced whole, never half written)\n"
"  -v, --verbose       log every packet decision (debug)\n"
"  -q, --quiet         log warnings and errors only\n"
"  -h, --help          this text\n"
"  -V, --version       print the version\n"
"\n"
"Signals: SIGUSR1 prints the counters; SIGHUP (native mode) reads the\n"
"objects again; SIGTERM/SIGINT stop cleanly.\n"
"Helper types served:");
	for (i = 0; nfth_registry_get(i); i++)
		fprintf(fp, " %s", nfth_registry_get(i)->name);
	fprintf(fp, "\nSee nft-helperd(8).\n");
}

static int load_plugin(const char *path)
{
	const struct nfth_helper *h;
	const char *why;
	void *dl, *sym;

	dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!dl) {
		nfth_err("plug-in %s: %s", path, dlerror());
		return -1;
	}
	sym = dlsym(dl, "nft_helperd_plugin");
	if (!sym) {
		nfth_err("plug-in %s: no symbol nft_helperd_plugin", path);
		return -1;
	}
	h = sym;
	if (nfth_registry_add(h, &why) < 0) {
		nfth_err("plug-in %s: %s", path, why);
		return -1;
	}
	nfth_info("plug-in %s: helper type \"%s\"", path, h->name);
	return 0;
}

static const char *l3_name(uint16_t l3)
{
	return l3 == 2 ? "ip" : l3 == 10 ? "ip6" : "?";
}

static const char *l4_name(uint8_t l4)
{
	return l4 == 6 ? "tcp" : l4 == 17 ? "udp" : "?";
}

static void print_plan(FILE *fp)
{
	unsigned int i, j;

	for (i = 0; i < cfg.registration_count; i++) {
		const struct nfth_registration *r = &cfg.registrations[i];

		fprintf(fp, "helper %s %s %s queue %u priv %u", r->name,
			l3_name(r->l3proto), l4_name(r->l4proto), r->queue,
			r->priv_len);
		for (j = 0; j < r->class_count; j++)
			fprintf(fp, " expectation \"%s\" size %u timeout %u",
				r->classes[j].name, r->classes[j].max,
				r->classes[j].timeout);
		fputc('\n', fp);
	}
	for (i = 0; i < cfg.queue_count; i++) {
		fprintf(fp, "queue %u:", cfg.queues[i].num);
		for (j = 0; j < cfg.queues[i].binding_count; j++)
			fprintf(fp, " %s", cfg.queues[i].bindings[j].helper->name);
		fputc('\n', fp);
	}
}

static void print_counters(const char *stats)
{
	unsigned int i;
	int ret;

	for (i = 0; i < cfg.queue_count; i++)
		nfth_queue_print_counters(&cfg.queues[i]);
	if (stats) {
		ret = nfth_queue_write_stats(stats, cfg.queues, cfg.queue_count);
		if (ret < 0)
			nfth_warn("--stats %s: %s", stats, strerror(-ret));
	}
}

static void unregister_all(struct mnl_socket *nl, bool keep)
{
	unsigned int i;
	int ret;

	for (i = 0; i < cfg.registration_count; i++) {
		const struct nfth_registration *r = &cfg.registrations[i];

		if (!cfg.registered[i])
			continue;
		if (keep) {
			nfth_info("helper %s (%s/%s) left registered (--keep)", r->name,
				  l3_name(r->l3proto), l4_name(r->l4proto));
			continue;
		}
		ret = nfth_cthelper_unregister(nl, r);
		if (ret == -EBUSY)
			nfth_warn("helper %s (%s/%s) is still used by ct helper objects: "
				  "left registered; its traffic now passes unhelped. "
				  "Delete the objects first, then \"nfct del helper %s\"",
				  r->name, l3_name(r->l3proto), l4_name(r->l4proto), r->name);
		else if (ret < 0)
			nfth_warn("helper %s (%s/%s): unregister failed: %s", r->name,
				  l3_name(r->l3proto), l4_name(r->l4proto), strerror(-ret));
		else
			nfth_info("helper %s (%s/%s) unregistered", r->name,
				  l3_name(r->l3proto), l4_name(r->l4proto));
		cfg.registered[i] = false;
	}
}

static int register_all(struct mnl_socket *nl)
{
	unsigned int i;
	int ret;

	for (i = 0; i < cfg.registration_count; i++) {
		const struct nfth_registration *r = &cfg.registrations[i];

		ret = nfth_cthelper_register(nl, r);
		if (ret == -EBUSY) {
			nfth_err("cannot register helper %s (%s/%s): a kernel helper of that "
				 "name is loaded (modprobe -r nf_conntrack_%s), or it is "
				 "registered with another private data size or other "
				 "expectation class names and still in use",
				 r->name, l3_name(r->l3proto), l4_name(r->l4proto), r->name);
			return -1;
		}
		if (ret < 0) {
			nfth_err("cannot register helper %s (%s/%s): %s%s", r->name,
				 l3_name(r->l3proto), l4_name(r->l4proto), strerror(-ret),
				 nfth_kernel_hint(-ret, "nfnetlink_cthelper",
						  "CONFIG_NF_CT_NETLINK_HELPER"));
			return -1;
		}
		cfg.registered[i] = true;
		nfth_info("helper %s (%s/%s) registered on queue %u", r->name,
			  l3_name(r->l3proto), l4_name(r->l4proto), r->queue);
	}
	return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "keep", no_argument, NULL, 'k' },
		{ "check", no_argument, NULL, 'c' },
		{ "user", required_argument, NULL, 'u' },
		{ "plugin", required_argument, NULL, 'p' },
		{ "stats", required_argument, NULL, 's' },
		{ "queue-maxlen", required_argument, NULL, 'L' },
		{ "fail-open", no_argument, NULL, 'F' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "f:kcu:p:s:vqhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': o->file = optarg; break;
		case 'k': o->keep = true; break;
		case 'c': o->check_only = true; break;
		case 'u': o->user = optarg; break;
		case 's': o->stats = optarg; break;
		case 'L': {
			char *end;

			errno = 0;
			o->queue_maxlen = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || optarg[0] == '-' ||
			    o->queue_maxlen < 1 || o->queue_maxlen > 1048576) {
				fprintf(stderr, "nft-helperd: --queue-maxlen %s: "
					"wanted a number of packets, 1 to 1048576\n",
					optarg);
				return 1;
			}
			break;
		}
		case 'F': o->fail_open = true; break;
		case 'p':
			if (load_plugin(optarg) < 0)
				return 1;
			break;
		case 'v': nfth_log_verbosity = NFTH_LOG_DEBUG; break;
		case 'q': nfth_log_verbosity = NFTH_LOG_WARN; break;
		case 'h': usage(stdout); exit(0);
		case 'V': printf("nft-helperd %s\n", NFTH_VERSION); exit(0);
		default:
			usage(stderr);
			return 1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "nft-helperd: unexpected argument \"%s\"\n", argv[optind]);
		return 1;
	}
	if (!o->file && (o->keep || o->check_only)) {
		fprintf(stderr, "nft-helperd: --%s needs -f FILE (compatible mode)\n",
			o->keep ? "keep" : "check");
		return 1;
	}
	return 0;
}

static void ready(void)
{
	char state[96];
	int ret;

	snprintf(state, sizeof(state), "READY=1\nSTATUS=serving %u queue(s), "
		 "%u registration(s)", cfg.queue_count, cfg.registration_count);
	ret = nfth_notify(state);
	if (ret < 0)
		nfth_warn("cannot tell the service manager that nft-helperd is "
			  "ready ($NOTIFY_SOCKET): %s", strerror(-ret));
}

static int serve(const struct options *o)
{
	sigset_t sigs;
	unsigned int i;
	int sig;

	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGUSR1);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	sigdelset(&sigs, SIGUSR2);

	if (nfth_drop_privileges(o->user) < 0)
		return -1;
	for (i = 0; i < cfg.queue_count; i++)
		if (nfth_queue_start(&cfg.queues[i]) < 0)
			return -1;
	nfth_info("serving %u queue(s); SIGUSR1 prints counters", cfg.queue_count);
	/* every queue bound, every helper registered, every thread running:
	 * a ruleset that assigns the helpers may be loaded now */
	ready();

	for (;;) {
		if (sigwait(&sigs, &sig) != 0)
			continue;
		if (sig == SIGUSR1) {
			print_counters(o->stats);
			continue;
		}
		if (sig == SIGHUP) {
			nfth_info("SIGHUP: nothing to reload; restart to re-read %s "
				  "(a restart keeps every connection's state)", o->file);
			continue;
		}
		if (nfth_queue_failure(NULL))
			return -1;	/* a queue thread said why */
		nfth_info("%s: stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
		return 0;
	}
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct mnl_socket *nl = NULL;
	bool served = false;
	int ret = 1;
	unsigned int i;

	setvbuf(stderr, NULL, _IOLBF, 0);
	nfth_set_instance_id((uint32_t)time(NULL) ^ ((uint32_t)getpid() << 16));
	if (parse_args(argc, argv, &o))
		return 1;
	if (o.queue_maxlen || o.fail_open)
		nfth_queue_set_limits(o.queue_maxlen ? (uint32_t)o.queue_maxlen :
				      NFTH_QUEUE_MAXLEN_DEFAULT, o.fail_open);
	/* a start that cannot succeed fails before it binds or registers */
	if (nfth_privileges_check(o.user, o.check_only) < 0)
		return 1;
	if (!o.file)
		return nfth_native_run(o.user, o.stats);
	if (nfth_config_load(&cfg, o.file, stderr) < 0)
		return 1;
	if (cfg.with_bypass)
		nfth_warn("%u declaration(s) with \"bypass\": compatible mode cannot "
			  "honour it. Stock nfnetlink_cthelper always queues with bypass, "
			  "and the kernel (6.1) does not confirm the conntrack of a "
			  "bypassed packet: while nft-helperd is not running, connections "
			  "handed to these helpers fail under a stateful ruleset. "
			  "Passing unhelped needs native mode", cfg.with_bypass);
	if (o.check_only) {
		print_plan(stdout);
		return 0;
	}

	nl = mnl_socket_open(NETLINK_NETFILTER);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		nfth_err("cannot open a netfilter netlink socket: %s", strerror(errno));
		goto out;
	}
	for (i = 0; i < cfg.queue_count; i++)
		if (nfth_queue_open(&cfg.queues[i]) < 0)
			goto out;
	if (register_all(nl) < 0)
		goto out;
	served = true;
	if (serve(&o) == 0)
		ret = 0;
out:
	if (served)
		nfth_notify("STOPPING=1");
	for (i = 0; i < cfg.queue_count; i++)
		nfth_queue_stop(&cfg.queues[i]);
	if (nl)
		unregister_all(nl, o.keep);
	for (i = 0; i < cfg.queue_count; i++)
		nfth_queue_close(&cfg.queues[i]);
	if (served)
		print_counters(o.stats);
	if (nl)
		mnl_socket_close(nl);
	return ret;
}
