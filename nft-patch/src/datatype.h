/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * datatype.h - value types: how a symbol parses into register bytes and how
 * register bytes print back.  One table entry per type, as in nftables.
 */
#ifndef NFTP_DATATYPE_H
#define NFTP_DATATYPE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "erec.h"

enum byteorder {
	BYTEORDER_INVALID,
	BYTEORDER_HOST_ENDIAN,
	BYTEORDER_BIG_ENDIAN,
};

struct symbolic_constant {
	const char *identifier;
	uint64_t value;
};

struct symbol_table {
	const struct symbolic_constant *symbols;
	unsigned int count;
};

enum datatype_flags {
	DTYPE_F_BITMASK = (1 << 0),	/* flags: "a,b" means any of */
	DTYPE_F_STRING = (1 << 1),	/* NUL-padded string */
	DTYPE_F_PREFIX = (1 << 2),	/* addresses: a/len */
	DTYPE_F_HEX = (1 << 3),		/* print as 0x%08x */
};

struct expr;

/* stock nft's datatype numbers: the key type of sets in the kernel */
enum datatypes {
	TYPE_INVALID = 0,
	TYPE_NFPROTO = 2,
	TYPE_INTEGER = 4,
	TYPE_STRING = 5,
	TYPE_IPADDR = 7,
	TYPE_IP6ADDR = 8,
	TYPE_ETHERTYPE = 10,
	TYPE_INET_PROTOCOL = 12,
	TYPE_INET_SERVICE = 13,
	TYPE_ICMP_TYPE = 14,
	TYPE_TCP_FLAG = 15,
	TYPE_TIME = 18,
	TYPE_MARK = 19,
	TYPE_IFINDEX = 20,
	TYPE_CT_STATE = 26,
	TYPE_CT_DIR = 27,
	TYPE_CT_STATUS = 28,
	TYPE_ICMP6_TYPE = 29,
	TYPE_PKTTYPE = 31,
	TYPE_ICMP_CODE = 32,
	TYPE_ICMPV6_CODE = 33,
	TYPE_DSCP = 36,
	TYPE_IFNAME = 41,
};

struct datatype {
	enum datatypes type;
	const char *name;
	const char *desc;
	unsigned int size;		/* bits; 0: variable (strings: max) */
	enum byteorder byteorder;
	unsigned int flags;
	const struct symbol_table *sym_tbl;
	unsigned int numeric_hex;	/* -n: hex digits instead of decimal */
	/* text -> data (size/8 bytes in register layout); NULL: integer */
	int (*parse)(const struct datatype *dtype, const char *text,
		     uint8_t *data, unsigned int len, char **errmsg);
	/* data -> text (len bytes) */
	void (*print)(const struct datatype *dtype, const uint8_t *data,
		      unsigned int len, FILE *f);
};

extern const struct datatype integer_type;
extern const struct datatype be_integer_type;	/* header fields */
extern const struct datatype string_type;
extern const struct datatype inet_service_type;
extern const struct datatype ipaddr_type;
extern const struct datatype ip6addr_type;
extern const struct datatype inet_protocol_type;
extern const struct datatype nfproto_type;
extern const struct datatype ethertype_type;
extern const struct datatype ct_state_type;
extern const struct datatype ct_status_type;
extern const struct datatype ct_dir_type;
extern const struct datatype mark_type;
extern const struct datatype ifname_type;
extern const struct datatype ifindex_type;
extern const struct datatype pkttype_type;
extern const struct datatype icmp_type_type;
extern const struct datatype icmp6_type_type;
extern const struct datatype icmp_code_type;
extern const struct datatype icmpv6_code_type;
extern const struct datatype tcp_flag_type;
extern const struct datatype dscp_type;
extern const struct datatype time_type;

/*
 * Parse @text as a value of @dtype, @len bits wide, into @data (register
 * layout).  Returns 0, or -1 with an error queued on @msgs at @loc.
 */
int datatype_parse(const struct datatype *dtype, const char *text,
		   unsigned int len, uint8_t *data, struct list_head *msgs,
		   const struct location *loc);
/* Print a value of @dtype, @len bits, from register layout. */
void datatype_print(const struct datatype *dtype, const uint8_t *data,
		    unsigned int len, FILE *f);

/* the symbol naming exactly @v, or NULL */
const char *datatype_symbol(const struct datatype *dtype, uint64_t v);

/* -n: print values as numbers, as stock nft -n does */
extern bool datatype_numeric;

/* 90000 -> "1m30s", as stock nft prints times */
void time_print_ms(uint64_t ms, FILE *f);

/* register layout <-> integer (honours byte order) */
uint64_t value_get(const uint8_t *data, unsigned int len_bytes,
		   enum byteorder bo);
void value_set(uint8_t *data, unsigned int len_bytes, enum byteorder bo,
	       uint64_t v);

#endif /* NFTP_DATATYPE_H */
