/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ct_helper.h - the nf_tables "ct helper" object, stock and user-space.
 *
 * Same shape as libnftnl's objects: alloc/free, set/get by attribute id,
 * build a netlink message payload, parse one back, print it.  Built on the
 * installed libnftnl (batches, nftnl_nlmsg_build_hdr, udata) and libmnl.
 */
#ifndef _LIBNFTNL_CTHELPER_CT_HELPER_H_
#define _LIBNFTNL_CTHELPER_CT_HELPER_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <libnftnl-cthelper/nf_tables_ct_helper.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nlmsghdr;
struct nftnl_batch;

/* Limits (bytes include the terminating NUL). */
#define NFTNL_CT_HELPER_NAME_MAXLEN	256	/* table and object name */
#define NFTNL_CT_HELPER_TYPE_MAXLEN	16	/* helper type, e.g. "ftp" */
#define NFTNL_CT_HELPER_POLICY_NAME_MAXLEN 16	/* expectation class name */
#define NFTNL_CT_HELPER_USERDATA_MAXLEN	256
#define NFTNL_CT_HELPER_POLICY_MAX	4	/* expectation classes */
#define NFTNL_CT_HELPER_POLICY_EXPECT_MAX 255	/* per class */
#define NFTNL_CT_HELPER_PRIV_LEN_MAX	32	/* helper private data */
#define NFTNL_CT_HELPER_QUEUE_MAX	65535	/* highest queue number */
/* A buffer this large always holds one message built by this library. */
#define NFTNL_CT_HELPER_NLMSG_MAXSIZE	4096

enum nftnl_ct_helper_attr {
	NFTNL_CT_HELPER_TABLE = 0,	/* str */
	NFTNL_CT_HELPER_NAME,		/* str: object name */
	NFTNL_CT_HELPER_FAMILY,		/* u32: table family, NFPROTO_* */
	NFTNL_CT_HELPER_USE,		/* u32: reference count (kernel) */
	NFTNL_CT_HELPER_HANDLE,		/* u64 */
	NFTNL_CT_HELPER_USERDATA,	/* data: NFTA_OBJ_USERDATA TLVs */
	NFTNL_CT_HELPER_COMMENT,	/* str: comment TLV inside USERDATA */
	NFTNL_CT_HELPER_TYPE,		/* str: helper type, e.g. "ftp" */
	NFTNL_CT_HELPER_L3PROTO,	/* u16: NFPROTO_IPV4/IPV6/INET */
	NFTNL_CT_HELPER_L4PROTO,	/* u8: IPPROTO_TCP/UDP */
	NFTNL_CT_HELPER_USERSPACE,	/* u8: 1 = serviced in user space */
	NFTNL_CT_HELPER_QUEUE_NUM,	/* u32: 0..65535 */
	NFTNL_CT_HELPER_QUEUE_COUNT,	/* u32: >= 1, num + count - 1 <= 65535 */
	NFTNL_CT_HELPER_FLAGS,		/* u32: NFT_CT_HELPER_F_* */
	NFTNL_CT_HELPER_PRIV_LEN,	/* u32: 0..32 */
	NFTNL_CT_HELPER_POLICIES,	/* data: struct nftnl_ct_helper_policy[1..4] */
	__NFTNL_CT_HELPER_MAX
};
#define NFTNL_CT_HELPER_MAX (__NFTNL_CT_HELPER_MAX - 1)

/* One expectation class; its index in the array is its class number. */
struct nftnl_ct_helper_policy {
	char		name[NFTNL_CT_HELPER_POLICY_NAME_MAXLEN];
	uint32_t	max;		/* 1..255 expectations */
	uint32_t	timeout;	/* seconds */
};

struct nftnl_ct_helper;

struct nftnl_ct_helper *nftnl_ct_helper_alloc(void);
void nftnl_ct_helper_free(const struct nftnl_ct_helper *h);
struct nftnl_ct_helper *nftnl_ct_helper_clone(const struct nftnl_ct_helper *h);

/*
 * Setters return 0, or -1 with errno EINVAL when the attribute id is
 * unknown, the value has the wrong size for the attribute, or is out of the
 * limits above (nothing is changed then).  Setting any of QUEUE_NUM,
 * QUEUE_COUNT, FLAGS, PRIV_LEN, POLICIES also sets USERSPACE to 1; unsetting
 * USERSPACE unsets all of them.
 */
bool nftnl_ct_helper_is_set(const struct nftnl_ct_helper *h, uint16_t attr);
void nftnl_ct_helper_unset(struct nftnl_ct_helper *h, uint16_t attr);
int nftnl_ct_helper_set_data(struct nftnl_ct_helper *h, uint16_t attr,
			     const void *data, uint32_t data_len);
int nftnl_ct_helper_set_u8(struct nftnl_ct_helper *h, uint16_t attr, uint8_t val);
int nftnl_ct_helper_set_u16(struct nftnl_ct_helper *h, uint16_t attr, uint16_t val);
int nftnl_ct_helper_set_u32(struct nftnl_ct_helper *h, uint16_t attr, uint32_t val);
int nftnl_ct_helper_set_u64(struct nftnl_ct_helper *h, uint16_t attr, uint64_t val);
int nftnl_ct_helper_set_str(struct nftnl_ct_helper *h, uint16_t attr, const char *str);

/*
 * Getters return NULL / 0 when the attribute is not set or is not of the
 * getter's type.  get_data stores the length in *data_len (may be NULL).
 */
const void *nftnl_ct_helper_get_data(const struct nftnl_ct_helper *h,
				     uint16_t attr, uint32_t *data_len);
uint8_t nftnl_ct_helper_get_u8(const struct nftnl_ct_helper *h, uint16_t attr);
uint16_t nftnl_ct_helper_get_u16(const struct nftnl_ct_helper *h, uint16_t attr);
uint32_t nftnl_ct_helper_get_u32(const struct nftnl_ct_helper *h, uint16_t attr);
uint64_t nftnl_ct_helper_get_u64(const struct nftnl_ct_helper *h, uint16_t attr);
const char *nftnl_ct_helper_get_str(const struct nftnl_ct_helper *h, uint16_t attr);

/* Expectation classes, one at a time (same limits as POLICIES). */
int nftnl_ct_helper_policy_add(struct nftnl_ct_helper *h, const char *name,
			       uint32_t max, uint32_t timeout);
uint32_t nftnl_ct_helper_policy_count(const struct nftnl_ct_helper *h);
const struct nftnl_ct_helper_policy *
nftnl_ct_helper_policy_get(const struct nftnl_ct_helper *h, uint32_t index);

/* Attributes equal (set-ness and values); for tests and change detection. */
bool nftnl_ct_helper_cmp(const struct nftnl_ct_helper *a,
			 const struct nftnl_ct_helper *b);

/*
 * Building.  nftnl_ct_helper_nlmsg_build_payload() appends what the object
 * has to nlh, like nftnl_obj_nlmsg_build_payload(): TABLE, NAME, TYPE
 * (always NFT_OBJECT_CT_HELPER), HANDLE, USERDATA, then the DATA nest.  In
 * user-space mode the top-level NFTA_CT_HELPER_NAME is omitted and the type
 * travels in the NFTA_CT_HELPER_USERSPACE nest, so a stock kernel refuses it.
 *
 * nftnl_ct_helper_nlmsg_build() writes header and payload for cmd
 * NFT_MSG_NEWOBJ (everything), NFT_MSG_DELOBJ (table, name and/or handle,
 * type and an empty DATA nest, as stock nft) or NFT_MSG_GETOBJ (table, name
 * and/or handle, type) into buf (NFTNL_CT_HELPER_NLMSG_MAXSIZE bytes).
 * Returns NULL with errno EINVAL for another cmd or without a table.
 */
void nftnl_ct_helper_nlmsg_build_payload(struct nlmsghdr *nlh,
					 const struct nftnl_ct_helper *h);
struct nlmsghdr *nftnl_ct_helper_nlmsg_build(char *buf, uint16_t cmd,
					     uint16_t flags, uint32_t seq,
					     const struct nftnl_ct_helper *h);
/* GETOBJ dump of ct helper objects, optionally of one family / table. */
struct nlmsghdr *nftnl_ct_helper_nlmsg_build_dump(char *buf, uint16_t family,
						  const char *table,
						  uint32_t seq);
/* Appends one NEWOBJ/DELOBJ to a batch (flags: NLM_F_CREATE, NLM_F_EXCL...). */
int nftnl_ct_helper_batch_add(struct nftnl_batch *batch, uint16_t cmd,
			      uint16_t flags, uint32_t seq,
			      const struct nftnl_ct_helper *h);

/*
 * Parsing one NEWOBJ or DELOBJ message (a reply, a dump part or an event).
 * Returns 0 and replaces h's contents, or -1 leaving h untouched with errno:
 *   EOPNOTSUPP  a well-formed object message of another object type;
 *   EINVAL      anything malformed: not an nf_tables object message,
 *               truncated or trailing bytes, wrong attribute sizes, strings
 *               unterminated or too long, unknown or repeated attributes
 *               inside the ct helper nests, values out of the limits, more
 *               than NFTNL_CT_HELPER_POLICY_MAX policies.
 * Unknown attributes at the object level are skipped (newer kernels).
 */
int nftnl_ct_helper_nlmsg_parse(const struct nlmsghdr *nlh,
				struct nftnl_ct_helper *h);

/* libnftnl's default (debug) output; type must be NFTNL_OUTPUT_DEFAULT. */
int nftnl_ct_helper_snprintf(char *buf, size_t size,
			     const struct nftnl_ct_helper *h,
			     uint32_t type, uint32_t flags);
int nftnl_ct_helper_fprintf(FILE *fp, const struct nftnl_ct_helper *h,
			    uint32_t type, uint32_t flags);

/* A list of objects, filled from a dump. */
struct nftnl_ct_helper_list;

struct nftnl_ct_helper_list *nftnl_ct_helper_list_alloc(void);
void nftnl_ct_helper_list_free(struct nftnl_ct_helper_list *list);
bool nftnl_ct_helper_list_is_empty(const struct nftnl_ct_helper_list *list);
uint32_t nftnl_ct_helper_list_num(const struct nftnl_ct_helper_list *list);
/* The list owns h after these. */
void nftnl_ct_helper_list_add(struct nftnl_ct_helper *h,
			      struct nftnl_ct_helper_list *list);
void nftnl_ct_helper_list_add_tail(struct nftnl_ct_helper *h,
				   struct nftnl_ct_helper_list *list);
/* Unlinks h (the caller owns it again). */
void nftnl_ct_helper_list_del(struct nftnl_ct_helper *h,
			      struct nftnl_ct_helper_list *list);
int nftnl_ct_helper_list_foreach(struct nftnl_ct_helper_list *list,
				 int (*cb)(struct nftnl_ct_helper *h, void *data),
				 void *data);
/*
 * mnl_cb_run() callback: parses one dump message into a new object appended
 * to the list (data).  Objects of other types are skipped.  Returns
 * MNL_CB_OK, or MNL_CB_ERROR (errno set) on a malformed message.
 */
int nftnl_ct_helper_list_parse_cb(const struct nlmsghdr *nlh, void *data);

struct nftnl_ct_helper_list_iter;

struct nftnl_ct_helper_list_iter *
nftnl_ct_helper_list_iter_create(const struct nftnl_ct_helper_list *list);
struct nftnl_ct_helper *
nftnl_ct_helper_list_iter_next(struct nftnl_ct_helper_list_iter *iter);
void nftnl_ct_helper_list_iter_destroy(const struct nftnl_ct_helper_list_iter *iter);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* _LIBNFTNL_CTHELPER_CT_HELPER_H_ */
