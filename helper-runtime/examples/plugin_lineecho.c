// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * plugin_lineecho.c - a minimal nft-helperd plug-in, as a template.
 *
 * Helper type "lineecho" (TCP): a client line "OPEN <port>" asks for the
 * server to connect back to the client's <port>, from any port.  Nothing
 * real speaks this; it shows the whole API surface a helper needs.
 *
 *   cc -std=c11 -fPIC -shared -I<nft-helperd>/include -o lineecho.so plugin_lineecho.c
 *   nft-helperd --plugin ./lineecho.so -f helpers.nft
 */
#include <string.h>

#include <nft-helperd/helper.h>

static enum nfth_verdict lineecho_inspect(struct nfth_packet *pkt, void *priv)
{
	const struct nfth_tuple *client = nfth_ct_tuple(pkt, NFTH_DIR_ORIGINAL);
	const char *p;
	size_t len, i;
	unsigned int port = 0;

	(void)priv;
	if (nfth_pkt_dir(pkt) != NFTH_DIR_ORIGINAL)
		return NFTH_ACCEPT;
	p = (const char *)nfth_l4_payload(pkt, &len);
	if (!p || len < 6 || memcmp(p, "OPEN ", 5))
		return NFTH_ACCEPT;
	for (i = 5; i < len && p[i] >= '0' && p[i] <= '9'; i++) {
		port = port * 10 + (unsigned int)(p[i] - '0');
		if (port > 65535)
			return NFTH_MALFORMED;
	}
	if (i == 5 || port == 0)
		return NFTH_MALFORMED;
	/* from the server (the client's peer), any port, to client:port */
	nfth_expect_from_peer(pkt, 0, 6, &client->src, (uint16_t)port);
	return NFTH_ACCEPT;
}

const struct nfth_helper nft_helperd_plugin = {
	.api_version	= NFTH_HELPER_API_VERSION,
	.name		= "lineecho",
	.l4protos	= { 6 },
	.priv_len	= 0,
	.class_count	= 1,
	.classes	= { { .name = "lineecho", .max = 4, .timeout = 30 } },
	.inspect	= lineecho_inspect,
};
