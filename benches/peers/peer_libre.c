/*
 * libre (baresip's SDP engine, Debian libre-dev) answering an offer, for the
 * side-by-side table (benches/peers/compare.py). Command line: common.h.
 *
 * libre has no capability SDP: an application builds its local session with
 * calls (sdp_session_alloc, sdp_media_add, sdp_format_add, attributes), and
 * baresip's modules add ICE, DTLS and the like as attributes. So the
 * capability file (audio_local_*.sdp or a softphone_*.sdp) is read once at
 * start-up into the values of those calls, and each iteration makes them:
 *
 *   sdp_session_alloc(c= address)
 *   per m-line: sdp_media_add(name, port, proto), a=rtcp as the RTCP
 *     address, the direction, sdp_format_add per format (rtpmap and fmtp),
 *     every other attribute (ptime, rtcp-fb, ICE, fingerprint...) as a
 *     local attribute, printed as given
 *   session-level attributes likewise
 *   sdp_decode(offer), sdp_encode(answer), mem_deref of both
 *
 * libre answers every local format the offer also has (by name, clock rate
 * and channels; fmtp only compared by a handler the application registers,
 * none here), under the offer's payload type numbers.
 */
#include <stdbool.h>
#include <stdint.h>
#include <re.h>

#include "common.h"

#define MAX_FMT 32
#define MAX_ATTR 48
#define MAX_MEDIA 8

struct cap_fmt {
	char id[8];
	char name[32];
	uint32_t srate;
	uint8_t ch;
	char params[256];
};

struct cap_attr {
	char name[32];
	char value[256];
	bool has_value;
};

struct cap_media {
	char name[16];
	uint16_t port;
	char proto[32];
	struct sa rtcp;
	bool has_rtcp;
	enum sdp_dir dir;
	struct cap_fmt fmt[MAX_FMT];
	int nfmt;
	struct cap_attr attr[MAX_ATTR];
	int nattr;
};

static struct {
	struct sa laddr;
	struct cap_attr attr[MAX_ATTR];
	int nattr;
	struct cap_media media[MAX_MEDIA];
	int nmedia;
} cap;

static struct mbuf *offer_mb;
static struct sdp_session *sess;
static struct mbuf *answer_mb;

static struct cap_fmt *find_fmt(struct cap_media *m, const char *id, size_t idlen)
{
	int i;

	for (i = 0; i < m->nfmt; i++)
		if (strlen(m->fmt[i].id) == idlen && !memcmp(m->fmt[i].id, id, idlen))
			return &m->fmt[i];
	return NULL;
}

/* One capability line (without its line ending). */
static int cap_line(char *line, char *why, size_t n)
{
	struct cap_media *m = cap.nmedia ? &cap.media[cap.nmedia - 1] : NULL;
	char *v = line + 2;

	if (line[0] == 'c' && line[1] == '=') {
		char addr[64];

		if (sscanf(v, "IN IP%*c %63s", addr) != 1 || sa_set_str(&cap.laddr, addr, 0)) {
			snprintf(why, n, "c= line: %s", line);
			return -1;
		}
	}
	else if (line[0] == 'm' && line[1] == '=') {
		char *tok, *save;

		if (cap.nmedia == MAX_MEDIA)
			return snprintf(why, n, "too many m-lines"), -1;
		m = &cap.media[cap.nmedia++];
		memset(m, 0, sizeof *m);
		m->dir = SDP_SENDRECV;
		tok = strtok_r(v, " ", &save);
		snprintf(m->name, sizeof m->name, "%s", tok ? tok : "");
		tok = strtok_r(NULL, " ", &save);
		m->port = tok ? (uint16_t)atoi(tok) : 0;
		tok = strtok_r(NULL, " ", &save);
		snprintf(m->proto, sizeof m->proto, "%s", tok ? tok : "");
		while ((tok = strtok_r(NULL, " ", &save)) && m->nfmt < MAX_FMT) {
			struct cap_fmt *f = &m->fmt[m->nfmt++];

			snprintf(f->id, sizeof f->id, "%s", tok);
			f->ch = 1;
		}
	}
	else if (line[0] == 'a' && line[1] == '=') {
		char *colon = strchr(v, ':');
		struct cap_attr *a;

		if (m && colon && !strncmp(v, "rtpmap:", 7)) {
			char *sp = strchr(v, ' ');
			struct cap_fmt *f = sp ? find_fmt(m, v + 7, (size_t)(sp - v - 7)) : NULL;
			unsigned srate = 0, ch = 1;

			if (!f || sscanf(sp + 1, "%31[^/]/%u/%u", f->name, &srate, &ch) < 2) {
				snprintf(why, n, "rtpmap: %s", line);
				return -1;
			}
			f->srate = srate;
			f->ch = (uint8_t)ch;
			return 0;
		}
		if (m && colon && !strncmp(v, "fmtp:", 5)) {
			char *sp = strchr(v, ' ');
			struct cap_fmt *f = sp ? find_fmt(m, v + 5, (size_t)(sp - v - 5)) : NULL;

			if (!f) {
				snprintf(why, n, "fmtp: %s", line);
				return -1;
			}
			snprintf(f->params, sizeof f->params, "%s", sp + 1);
			return 0;
		}
		if (m && colon && !strncmp(v, "rtcp:", 5)) {
			unsigned port = 0;
			char addr[64] = "";

			sscanf(v + 5, "%u IN IP%*c %63s", &port, addr);
			if (!addr[0] || sa_set_str(&m->rtcp, addr, (uint16_t)port))
				sa_set_port(&m->rtcp, (uint16_t)port);
			m->has_rtcp = true;
			return 0;
		}
		if (m && !colon) {
			if (!strcmp(v, "sendrecv"))
				return m->dir = SDP_SENDRECV, 0;
			if (!strcmp(v, "sendonly"))
				return m->dir = SDP_SENDONLY, 0;
			if (!strcmp(v, "recvonly"))
				return m->dir = SDP_RECVONLY, 0;
			if (!strcmp(v, "inactive"))
				return m->dir = SDP_INACTIVE, 0;
		}
		if (m ? m->nattr == MAX_ATTR : cap.nattr == MAX_ATTR)
			return snprintf(why, n, "too many attributes"), -1;
		a = m ? &m->attr[m->nattr++] : &cap.attr[cap.nattr++];
		if (colon) {
			snprintf(a->name, sizeof a->name, "%.*s", (int)(colon - v), v);
			snprintf(a->value, sizeof a->value, "%s", colon + 1);
			a->has_value = true;
		}
		else {
			snprintf(a->name, sizeof a->name, "%s", v);
		}
	}
	/* v=, o=, s=, t=: libre writes its own. */
	return 0;
}

int engine_init(const char *offer, const char *local, char *why, size_t n)
{
	char *text = strdup(local), *line, *save;
	size_t len = strlen(offer);

	libre_init();
	for (line = strtok_r(text, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save))
		if (cap_line(line, why, n)) {
			free(text);
			return -1;
		}
	free(text);
	offer_mb = mbuf_alloc(len);
	if (!offer_mb || mbuf_write_mem(offer_mb, (const uint8_t *)offer, len))
		return snprintf(why, n, "no memory"), -1;
	return 0;
}

static int build_session(void)
{
	int i, j, err;

	err = sdp_session_alloc(&sess, &cap.laddr);
	for (i = 0; !err && i < cap.nattr; i++)
		err = cap.attr[i].has_value
			? sdp_session_set_lattr(sess, false, cap.attr[i].name, "%s", cap.attr[i].value)
			: sdp_session_set_lattr(sess, false, cap.attr[i].name, NULL);
	for (i = 0; !err && i < cap.nmedia; i++) {
		struct cap_media *c = &cap.media[i];
		struct sdp_media *m;

		err = sdp_media_add(&m, sess, c->name, c->port, c->proto);
		if (err)
			break;
		if (c->has_rtcp) {
			if (sa_isset(&c->rtcp, SA_ADDR))
				sdp_media_set_laddr_rtcp(m, &c->rtcp);
			else
				sdp_media_set_lport_rtcp(m, sa_port(&c->rtcp));
		}
		sdp_media_set_ldir(m, c->dir);
		for (j = 0; !err && j < c->nfmt; j++) {
			struct cap_fmt *f = &c->fmt[j];

			err = sdp_format_add(NULL, m, false, f->id, f->name[0] ? f->name : NULL,
					     f->srate, f->ch, NULL, NULL, NULL, false,
					     f->params[0] ? "%s" : NULL, f->params);
		}
		for (j = 0; !err && j < c->nattr; j++)
			err = c->attr[j].has_value
				? sdp_media_set_lattr(m, false, c->attr[j].name, "%s", c->attr[j].value)
				: sdp_media_set_lattr(m, false, c->attr[j].name, NULL);
	}
	return err;
}

int engine_answer(char **answer, size_t *len, char *why, size_t n)
{
	int err = build_session();

	if (err)
		return snprintf(why, n, "building the local session: %s", strerror(err)), -1;
	offer_mb->pos = 0;
	err = sdp_decode(sess, offer_mb, true);
	if (err)
		return snprintf(why, n, "sdp_decode of the offer: %s", strerror(err)), -1;
	err = sdp_encode(&answer_mb, sess, false);
	if (err)
		return snprintf(why, n, "sdp_encode of the answer: %s", strerror(err)), -1;
	*answer = (char *)answer_mb->buf;
	*len = answer_mb->end;
	return 0;
}

void engine_release(void)
{
	answer_mb = mem_deref(answer_mb);
	sess = mem_deref(sess);
}

void engine_setup_only(void)
{
	build_session();
	sess = mem_deref(sess);
}

int main(int argc, char **argv)
{
	return peer_main("libre", argc, argv);
}
