// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_parser.c - unit tests of the ct helper declaration API: the grammar
 * (stock and user-space syntax), defaults, limits and the exact text of
 * nft-style error messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <linux/netfilter.h>

#include "nft/ct_helper_decl.h"
#include "unit.h"

#define MAX_DECLS 8

struct result {
	int ret;
	unsigned int n;
	struct nft_ct_helper_decl decl[MAX_DECLS];
	char *err;	/* what went to errfp */
};

static int collect(const struct nft_ct_helper_decl *d, void *data)
{
	struct result *r = data;

	if (r->n < MAX_DECLS)
		r->decl[r->n] = *d;
	r->n++;
	return 0;
}

static void parse(struct result *r, const char *text)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	memset(r, 0, sizeof(*r));
	r->ret = nft_ct_helper_decls_parse_buffer(text, "t.nft", f, collect, r);
	fclose(f);
	r->err = buf;
}

static void test_stock_syntax(struct unit *u)
{
	struct result r;

	parse(&r, "table ip t {\n"
		  "\tct helper ftp-standard {\n"
		  "\t\ttype \"ftp\" protocol tcp;\n"
		  "\t\tl3proto ip;\n"
		  "\t}\n"
		  "}\n");
	UNIT_CHECK_EQ_INT(u, r.ret, 0);
	UNIT_CHECK_EQ_STR(u, r.err, "");
	UNIT_CHECK_EQ_INT(u, r.n, 1);
	UNIT_CHECK_EQ_INT(u, r.decl[0].family, NFPROTO_IPV4);
	UNIT_CHECK_EQ_STR(u, r.decl[0].table, "t");
	UNIT_CHECK_EQ_STR(u, r.decl[0].name, "ftp-standard");
	UNIT_CHECK_EQ_STR(u, r.decl[0].type, "ftp");
	UNIT_CHECK_EQ_INT(u, r.decl[0].l4proto, IPPROTO_TCP);
	UNIT_CHECK_EQ_INT(u, r.decl[0].l3proto, NFPROTO_IPV4);
	UNIT_CHECK(u, !r.decl[0].userspace);
	UNIT_CHECK_EQ_INT(u, r.decl[0].policy_count, 0);
	free(r.err);
}

static void test_userspace_syntax(struct unit *u)
{
	struct result r;

	parse(&r, "table inet filter {\n"
		  "    ct helper rpc-tcp {\n"
		  "        type \"rpc\" protocol tcp\n"
		  "        l3proto inet\n"
		  "        userspace queue 3-6 empty bypass\n"
		  "        private 16\n"
		  "        expectation \"rpc\" size 1 timeout 5m\n"
		  "        expectation \"data\" size 255 timeout 1h30m\n"
		  "        comment \"portmapper\"\n"
		  "    }\n"
		  "    chain pre {\n"
		  "        type filter hook prerouting priority raw; policy accept;\n"
		  "        tcp dport 111 ct helper set \"rpc-tcp\"\n"
		  "    }\n"
		  "}\n");
	UNIT_CHECK_EQ_INT(u, r.ret, 0);
	UNIT_CHECK_EQ_STR(u, r.err, "");
	UNIT_CHECK_EQ_INT(u, r.n, 1);
	UNIT_CHECK_EQ_INT(u, r.decl[0].family, NFPROTO_INET);
	UNIT_CHECK_EQ_STR(u, r.decl[0].type, "rpc");
	UNIT_CHECK_EQ_INT(u, r.decl[0].l3proto, NFPROTO_INET);
	UNIT_CHECK(u, r.decl[0].userspace);
	UNIT_CHECK_EQ_INT(u, r.decl[0].queue_num, 3);
	UNIT_CHECK_EQ_INT(u, r.decl[0].queue_count, 4);
	UNIT_CHECK(u, r.decl[0].bypass);
	UNIT_CHECK(u, r.decl[0].queue_empty);
	UNIT_CHECK_EQ_INT(u, r.decl[0].priv_len, 16);
	UNIT_CHECK_EQ_INT(u, r.decl[0].policy_count, 2);
	UNIT_CHECK_EQ_STR(u, r.decl[0].policy[0].name, "rpc");
	UNIT_CHECK_EQ_INT(u, r.decl[0].policy[0].max, 1);
	UNIT_CHECK_EQ_INT(u, r.decl[0].policy[0].timeout, 300);
	UNIT_CHECK_EQ_STR(u, r.decl[0].policy[1].name, "data");
	UNIT_CHECK_EQ_INT(u, r.decl[0].policy[1].max, 255);
	UNIT_CHECK_EQ_INT(u, r.decl[0].policy[1].timeout, 5400);
	UNIT_CHECK_EQ_STR(u, r.decl[0].comment, "portmapper");
	free(r.err);
}

static void test_defaults(struct unit *u)
{
	struct result r;

	/* l3proto defaults to the table family (inet: both, as the kernel
	 * does when stock nft sends none); one class named after the type */
	parse(&r, "table inet t { ct helper h { type \"tftp\" protocol udp; userspace queue 7; }; }\n"
		  "table ip6 t6 { ct helper h6 { type \"ftp\" protocol tcp; }; }\n");
	UNIT_CHECK_EQ_INT(u, r.ret, 0);
	UNIT_CHECK_EQ_STR(u, r.err, "");
	UNIT_CHECK_EQ_INT(u, r.n, 2);
	UNIT_CHECK_EQ_INT(u, r.decl[0].l3proto, NFPROTO_INET);
	UNIT_CHECK_EQ_INT(u, r.decl[0].l4proto, IPPROTO_UDP);
	UNIT_CHECK_EQ_INT(u, r.decl[0].queue_num, 7);
	UNIT_CHECK_EQ_INT(u, r.decl[0].queue_count, 1);
	UNIT_CHECK(u, !r.decl[0].bypass);
	UNIT_CHECK(u, !r.decl[0].queue_empty);
	UNIT_CHECK_EQ_INT(u, r.decl[0].priv_len, 32);	/* the kernel's maximum */
	UNIT_CHECK_EQ_INT(u, r.decl[0].policy_count, 1);
	UNIT_CHECK_EQ_STR(u, r.decl[0].policy[0].name, "tftp");
	UNIT_CHECK_EQ_INT(u, r.decl[0].policy[0].max, 1);
	UNIT_CHECK_EQ_INT(u, r.decl[0].policy[0].timeout, 300);
	UNIT_CHECK_EQ_INT(u, r.decl[1].family, NFPROTO_IPV6);
	UNIT_CHECK_EQ_INT(u, r.decl[1].l3proto, NFPROTO_IPV6);
	UNIT_CHECK_EQ_STR(u, r.decl[1].table, "t6");
	free(r.err);
}

static void test_add_command(struct unit *u)
{
	struct result r;

	parse(&r, "add table ip t\n"
		  "add ct helper ip t h1 { type \"ftp\" protocol tcp; userspace queue 1; expectation \"ftp\" size 2 timeout 300s; }\n"
		  "add ct helper t h2 { type \"sip\" protocol udp; }");
	UNIT_CHECK_EQ_INT(u, r.ret, 0);
	UNIT_CHECK_EQ_STR(u, r.err, "");
	UNIT_CHECK_EQ_INT(u, r.n, 2);
	UNIT_CHECK_EQ_STR(u, r.decl[0].name, "h1");
	UNIT_CHECK_EQ_INT(u, r.decl[0].policy[0].max, 2);
	UNIT_CHECK_EQ_STR(u, r.decl[1].name, "h2");
	UNIT_CHECK_EQ_INT(u, r.decl[1].family, NFPROTO_IPV4);
	free(r.err);
}

static void test_define_comments(struct unit *u)
{
	struct result r;

	parse(&r, "# a comment\n"
		  "define ftp_port = 21\n"
		  "define ports = { 21, 2121 }\n"
		  "table ip t { # trailing comment\n"
		  "\tct helper h { type \"ftp\" protocol tcp; } # after\n"
		  "\tchain c {\n"
		  "\t\ttcp dport $ftp_port ct helper set \"h\"\n"
		  "\t\ttcp dport $ports counter accept\n"
		  "\t\tct state established,related accept\n"
		  "\t\tip saddr 10.0.0.0/8 ip daddr != 192.168.0.1-192.168.0.9 drop\n"
		  "\t\tip6 saddr ::1 meta l4proto { tcp, udp } counter packets 0 bytes 0\n"
		  "\t}\n"
		  "}\n");
	UNIT_CHECK_EQ_INT(u, r.ret, 0);
	UNIT_CHECK_EQ_STR(u, r.err, "");
	UNIT_CHECK_EQ_INT(u, r.n, 1);
	free(r.err);
}

static void test_include(struct unit *u)
{
	char dir[] = "/tmp/nftparse-XXXXXX", path[128], main_nft[160];
	struct result r;
	FILE *f;

	if (!mkdtemp(dir)) {
		UNIT_SKIP(u, "cannot create a temporary directory");
		return;
	}
	snprintf(path, sizeof(path), "%s/helpers.nft", dir);
	f = fopen(path, "w");
	fputs("ct helper inc { type \"ftp\" protocol tcp; }\n", f);
	fclose(f);
	snprintf(main_nft, sizeof(main_nft), "table ip t {\ninclude \"%s\"\n}\n", path);
	parse(&r, main_nft);
	UNIT_CHECK_EQ_INT(u, r.ret, 0);
	UNIT_CHECK_EQ_STR(u, r.err, "");
	UNIT_CHECK_EQ_INT(u, r.n, 1);
	UNIT_CHECK_EQ_STR(u, r.decl[0].name, "inc");
	free(r.err);

	/* the same through parse_file, and a missing include */
	snprintf(main_nft, sizeof(main_nft), "%s/main.nft", dir);
	f = fopen(main_nft, "w");
	fputs("table ip t {\n\tinclude \"helpers.nft\"\n}\n", f);
	fclose(f);
	memset(&r, 0, sizeof(r));
	f = tmpfile();
	r.ret = nft_ct_helper_decls_parse_file(main_nft, f, collect, &r);
	fclose(f);
	/* relative includes are searched in the include path, then the cwd */
	UNIT_CHECK_EQ_INT(u, r.ret, -1);
	unlink(main_nft);
	unlink(path);
	rmdir(dir);
}

static int stop_at_first(const struct nft_ct_helper_decl *d, void *data)
{
	(*(unsigned int *)data)++;
	return strcmp(d->name, "a") ? 0 : 42;
}

static void test_callback_return(struct unit *u)
{
	unsigned int calls = 0;
	int ret;

	ret = nft_ct_helper_decls_parse_buffer(
		"table ip t { ct helper a { type \"ftp\" protocol tcp; }; ct helper b { type \"ftp\" protocol tcp; }; }",
		"b", stderr, stop_at_first, &calls);
	UNIT_CHECK_EQ_INT(u, ret, 42);
	UNIT_CHECK_EQ_INT(u, calls, 1);
}

/* ---- errors: exact text, as stock nft prints it ---- */

static void check_error(struct unit *u, const char *text, const char *want)
{
	struct result r;

	parse(&r, text);
	UNIT_CHECK_EQ_INT(u, r.ret, -1);
	UNIT_CHECK_EQ_INT(u, r.n, 0);
	UNIT_CHECK_EQ_STR(u, r.err, want);
	free(r.err);
}

static void test_error_syntax(struct unit *u)
{
	check_error(u,
		"table ip t {\n"
		"\tct helper ftp-standard {\n"
		"\t\ttype \"ftp\" protocol tcpx;\n"
		"\t}\n"
		"}\n",
		"t.nft:3:23-26: Error: syntax error, unexpected string, expecting udp or tcp\n"
		"\t\ttype \"ftp\" protocol tcpx;\n"
		"\t\t                    ^^^^\n");
}

static void test_error_type_too_long(struct unit *u)
{
	check_error(u,
		"table ip t {\n"
		"\tct helper h {\n"
		"\t\ttype \"abcdefghijklmnop\" protocol tcp\n"
		"\t}\n"
		"}\n",
		"t.nft:3:8-25: Error: invalid name 'abcdefghijklmnop', max length is 16\n\n"
		"\t\ttype \"abcdefghijklmnop\" protocol tcp\n"
		"\t\t     ^^^^^^^^^^^^^^^^^^\n");
}

static void test_error_queue_range(struct unit *u)
{
	check_error(u,
		"table ip t {\n"
		"\tct helper h {\n"
		"\t\ttype \"ftp\" protocol tcp\n"
		"\t\tuserspace queue 65536\n"
		"\t}\n"
		"}\n",
		"t.nft:4:19-23: Error: queue number 65536 out of range, max 65535\n"
		"\t\tuserspace queue 65536\n"
		"\t\t                ^^^^^\n");
	check_error(u,
		"table ip t { ct helper h { type \"ftp\" protocol tcp; userspace queue 6-3; }; }\n",
		"t.nft:1:69-71: Error: queue range 6-3 is reversed\n"
		"table ip t { ct helper h { type \"ftp\" protocol tcp; userspace queue 6-3; }; }\n"
		"                                                                    ^^^\n");
}

static void test_error_private(struct unit *u)
{
	check_error(u,
		"table ip t {\n"
		"\tct helper h {\n"
		"\t\ttype \"ftp\" protocol tcp\n"
		"\t\tuserspace queue 1\n"
		"\t\tprivate 33\n"
		"\t}\n"
		"}\n",
		"t.nft:5:11-12: Error: private data length 33 out of range, max 32\n"
		"\t\tprivate 33\n"
		"\t\t        ^^\n");
	check_error(u,
		"table ip t { ct helper h { type \"ftp\" protocol tcp; private 0; }; }\n",
		"t.nft:1:53-61: Error: private data needs \"userspace queue N\": kernel helpers bring their own\n"
		"table ip t { ct helper h { type \"ftp\" protocol tcp; private 0; }; }\n"
		"                                                    ^^^^^^^^^\n");
}

static void test_error_expectation(struct unit *u)
{
	check_error(u,
		"table ip t {\n"
		"\tct helper h {\n"
		"\t\ttype \"ftp\" protocol tcp\n"
		"\t\tuserspace queue 1\n"
		"\t\texpectation \"ftp\" size 256 timeout 5m\n"
		"\t}\n"
		"}\n",
		"t.nft:5:26-28: Error: expectation size 256 out of range, must be 1-255\n"
		"\t\texpectation \"ftp\" size 256 timeout 5m\n"
		"\t\t                       ^^^\n");
	check_error(u,
		"table ip t { ct helper h { type \"ftp\" protocol tcp; userspace queue 1;\n"
		"expectation \"a\" size 0 timeout 5m; }; }\n",
		"t.nft:2:22-22: Error: expectation size 0 out of range, must be 1-255\n"
		"expectation \"a\" size 0 timeout 5m; }; }\n"
		"                     ^\n");
	check_error(u,
		"table ip t { ct helper h { type \"ftp\" protocol tcp; userspace queue 1;\n"
		"expectation \"abcdefghijklmnop\" size 1 timeout 5m; }; }\n",
		"t.nft:2:13-30: Error: invalid name 'abcdefghijklmnop', max length is 15\n"
		"expectation \"abcdefghijklmnop\" size 1 timeout 5m; }; }\n"
		"            ^^^^^^^^^^^^^^^^^^\n");
	check_error(u,
		"table ip t { ct helper h { type \"ftp\" protocol tcp; userspace queue 1;\n"
		"expectation \"a\" size 1 timeout 5x; }; }\n",
		"t.nft:2:32-33: Error: invalid time value '5x', expected e.g. 300s, 5m or 1h\n"
		"expectation \"a\" size 1 timeout 5x; }; }\n"
		"                               ^^\n");
	check_error(u,
		"table ip t { ct helper h { type \"ftp\" protocol tcp; userspace queue 1;\n"
		"expectation \"a\" size 1 timeout 1m; expectation \"a\" size 1 timeout 1m; }; }\n",
		"t.nft:2:48-50: Error: duplicate expectation class 'a'\n"
		"expectation \"a\" size 1 timeout 1m; expectation \"a\" size 1 timeout 1m; }; }\n"
		"            ~~~                                ^^^\n");
}

static void test_error_too_many_expectations(struct unit *u)
{
	check_error(u,
		"table ip t {\n"
		"\tct helper h {\n"
		"\t\ttype \"ftp\" protocol tcp\n"
		"\t\tuserspace queue 1\n"
		"\t\texpectation \"a\" size 1 timeout 1m\n"
		"\t\texpectation \"b\" size 1 timeout 1m\n"
		"\t\texpectation \"c\" size 1 timeout 1m\n"
		"\t\texpectation \"d\" size 1 timeout 1m\n"
		"\t\texpectation \"e\" size 1 timeout 1m\n"
		"\t}\n"
		"}\n",
		"t.nft:9:3-35: Error: too many expectation classes, max 4\n"
		"\t\texpectation \"e\" size 1 timeout 1m\n"
		"\t\t^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n");
}

static void test_error_missing_type(struct unit *u)
{
	check_error(u,
		"table ip t {\n"
		"\tct helper h {\n"
		"\t\tuserspace queue 1\n"
		"\t}\n"
		"}\n",
		"t.nft:2:12-12: Error: ct helper 'h' has no type, add e.g. type \"ftp\" protocol tcp\n"
		"\tct helper h {\n"
		"\t          ^\n");
	check_error(u,
		"table ip t { ct helper h { type \"ftp\" protocol tcp; expectation \"a\" size 1 timeout 1m; }; }\n",
		"t.nft:1:53-85: Error: expectation classes need \"userspace queue N\": kernel helpers bring their own\n"
		"table ip t { ct helper h { type \"ftp\" protocol tcp; expectation \"a\" size 1 timeout 1m; }; }\n"
		"                                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n");
}

static void test_error_several(struct unit *u)
{
	/* errors are collected; the parser recovers at the next separator */
	check_error(u,
		"table ip t {\n"
		"\tct helper a { type \"ftp\" protocol sctp; }\n"
		"\tct helper b { type \"ftp\" protocol tcp; l3proto foo; }\n"
		"}\n",
		"t.nft:2:36-39: Error: syntax error, unexpected string, expecting udp or tcp\n"
		"\tct helper a { type \"ftp\" protocol sctp; }\n"
		"\t                                  ^^^^\n"
		"t.nft:3:49-51: Error: syntax error, unexpected string\n"
		"\tct helper b { type \"ftp\" protocol tcp; l3proto foo; }\n"
		"\t                                               ^^^\n");
}

static void test_error_undefined_variable(struct unit *u)
{
	check_error(u,
		"table ip t { chain c { tcp dport $nope accept; }; }\n",
		"t.nft:1:35-38: Error: unknown identifier 'nope'\n"
		"table ip t { chain c { tcp dport $nope accept; }; }\n"
		"                                  ^^^^\n");
}

static void test_error_include_missing(struct unit *u)
{
	check_error(u,
		"include \"/nonexistent/x.nft\"\n",
		"t.nft:1:1-29: Error: File not found: /nonexistent/x.nft\n"
		"include \"/nonexistent/x.nft\"\n"
		"^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n");
}

static void test_error_missing_file(struct unit *u)
{
	struct result r;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	memset(&r, 0, sizeof(r));
	r.ret = nft_ct_helper_decls_parse_file("/nonexistent.nft", f, collect, &r);
	fclose(f);
	UNIT_CHECK_EQ_INT(u, r.ret, -1);
	UNIT_CHECK_EQ_STR(u, buf, "internal:0:0-0: Error: Could not open file \"/nonexistent.nft\": No such file or directory\n\n\n");
	free(buf);
}

static const struct unit_case cases[] = {
	UNIT_CASE(test_stock_syntax),
	UNIT_CASE(test_userspace_syntax),
	UNIT_CASE(test_defaults),
	UNIT_CASE(test_add_command),
	UNIT_CASE(test_define_comments),
	UNIT_CASE(test_include),
	UNIT_CASE(test_callback_return),
	UNIT_CASE(test_error_syntax),
	UNIT_CASE(test_error_type_too_long),
	UNIT_CASE(test_error_queue_range),
	UNIT_CASE(test_error_private),
	UNIT_CASE(test_error_expectation),
	UNIT_CASE(test_error_too_many_expectations),
	UNIT_CASE(test_error_missing_type),
	UNIT_CASE(test_error_several),
	UNIT_CASE(test_error_undefined_variable),
	UNIT_CASE(test_error_include_missing),
	UNIT_CASE(test_error_missing_file),
};

UNIT_MAIN(cases)
