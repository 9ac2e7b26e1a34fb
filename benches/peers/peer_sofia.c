/*
 * Sofia-SIP's soa offer/answer engine ("static", Debian libsofia-sip-ua-dev)
 * answering an offer, for the side-by-side table
 * (benches/peers/compare.py). Command line: common.h.
 *
 * Sofia 1.12.11 registers its static engine under the name "default" only
 * (soa_create("static") fails with ENOENT), so start-up registers the same
 * actions (soa_default_actions) as "static" too.
 *
 * The capability file is parsed once at start-up (sdp_parse); each
 * iteration is what a Sofia UA does for an incoming offer:
 *
 *   soa_create("static"), parameters (all common codecs in the offerer's
 *   order, as the crate answers), user SDP = the parsed capability
 *   (soa_set_user_sdp copies it), soa_set_remote_sdp(offer text: parsed),
 *   soa_generate_answer, soa_get_local_sdp (the printed answer),
 *   soa_destroy.
 */
#include <sofia-sip/su.h>
#include <sofia-sip/su_wait.h>
#include <sofia-sip/su_tag.h>
#include <sofia-sip/sdp.h>
#include <sofia-sip/soa.h>
#include <sofia-sip/soa_add.h>
#include <sofia-sip/soa_tag.h>

#include "common.h"

static su_home_t home[1] = { SU_HOME_INIT(home) };
static su_root_t *root;
static sdp_session_t *user_sdp;
static const char *offer_text;
static soa_session_t *ss;

int engine_init(const char *offer, const char *local, char *why, size_t n)
{
	sdp_parser_t *parser;

	if (su_init() != 0 || su_home_init(home) != 0)
		return snprintf(why, n, "su_init failed"), -1;
	if (soa_add("static", &soa_default_actions) < 0)
		return snprintf(why, n, "soa_add(static) failed"), -1;
	root = su_root_create(NULL);
	if (!root)
		return snprintf(why, n, "su_root_create failed"), -1;
	parser = sdp_parse(home, local, (issize_t)strlen(local), sdp_f_config);
	user_sdp = sdp_session(parser);
	if (!user_sdp)
		return snprintf(why, n, "sdp_parse: %s", sdp_parsing_error(parser)), -1;
	offer_text = offer;
	return 0;
}

static int build_session(char *why, size_t n)
{
	ss = soa_create("static", root, NULL);
	if (!ss)
		return snprintf(why, n, "soa_create failed"), -1;
	if (soa_set_params(ss, SOATAG_RTP_SELECT(SOA_RTP_SELECT_COMMON),
			   SOATAG_RTP_SORT(SOA_RTP_SORT_REMOTE),
			   SOATAG_USER_O_LINE(1), TAG_END()) < 0)
		return snprintf(why, n, "soa_set_params failed"), -1;
	if (soa_set_user_sdp(ss, user_sdp, NULL, -1) < 0)
		return snprintf(why, n, "soa_set_user_sdp failed"), -1;
	return 0;
}

int engine_answer(char **answer, size_t *len, char *why, size_t n)
{
	char const *str = NULL;
	isize_t slen = 0;

	if (build_session(why, n))
		return -1;
	if (soa_set_remote_sdp(ss, NULL, offer_text, -1) < 0)
		return snprintf(why, n, "soa_set_remote_sdp of the offer failed"), -1;
	if (soa_generate_answer(ss, NULL) < 0) {
		char const *phrase = NULL;
		int status = soa_error_as_sip_response(ss, &phrase);

		return snprintf(why, n, "soa_generate_answer: %d %s", status,
				phrase ? phrase : ""), -1;
	}
	if (soa_get_local_sdp(ss, NULL, &str, &slen) <= 0 || !str)
		return snprintf(why, n, "soa_get_local_sdp: no answer"), -1;
	*answer = (char *)str;
	*len = (size_t)slen;
	return 0;
}

void engine_release(void)
{
	soa_destroy(ss);
	ss = NULL;
}

void engine_setup_only(void)
{
	char why[128];

	build_session(why, sizeof why);
	engine_release();
}

int main(int argc, char **argv)
{
	return peer_main("sofia", argc, argv);
}
